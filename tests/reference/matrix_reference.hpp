// matrix_reference.hpp: independent long-double oracles for the matrix tests (products with
// their |A||B| error scale, correlation, and a cyclic Jacobi eigen solver), written from the
// definitions, never from the kernels.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <vector>

namespace trueno::ref {

/// A dense row-major long double matrix.
struct Dense {
  std::size_t rows = 0, cols = 0;
  std::vector<long double> v;
  Dense() = default;
  Dense(std::size_t r, std::size_t c) : rows(r), cols(c), v(r * c, 0.0L) {}
  long double& operator()(std::size_t i, std::size_t j) { return v[i * cols + j]; }
  long double operator()(std::size_t i, std::size_t j) const { return v[i * cols + j]; }
};

/// A product C = A B (A m x k, B k x n given by element functions) and the matrix |A| |B|,
/// which scales the rounding error of any summation order.
struct Product {
  Dense value, scale;
};

inline Product product(std::size_t m, std::size_t n, std::size_t k,
                       const std::function<long double(std::size_t, std::size_t)>& a,
                       const std::function<long double(std::size_t, std::size_t)>& b) {
  Product p{Dense(m, n), Dense(m, n)};
  std::vector<long double> bt(k * n);  // B^T, for locality
  for (std::size_t q = 0; q < k; ++q)
    for (std::size_t j = 0; j < n; ++j) bt[j * k + q] = b(q, j);
  std::vector<long double> arow(k);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t q = 0; q < k; ++q) arow[q] = a(i, q);
    for (std::size_t j = 0; j < n; ++j) {
      long double s = 0, t = 0;
      const long double* bc = bt.data() + j * k;
      for (std::size_t q = 0; q < k; ++q) {
        s += arow[q] * bc[q];
        t += std::fabs(arow[q] * bc[q]);
      }
      p.value(i, j) = s;
      p.scale(i, j) = t;
    }
  }
  return p;
}

/// Valid-mode correlation out[i, j] = sum img[i + p, j + q] * ker(p, q), with |.| scale.
inline Product correlate(std::size_t ih, std::size_t iw, std::size_t kh, std::size_t kw,
                         const std::function<long double(std::size_t, std::size_t)>& img,
                         const std::function<long double(std::size_t, std::size_t)>& ker) {
  const std::size_t oh = ih - kh + 1, ow = iw - kw + 1;
  Product p{Dense(oh, ow), Dense(oh, ow)};
  for (std::size_t i = 0; i < oh; ++i)
    for (std::size_t j = 0; j < ow; ++j) {
      long double s = 0, t = 0;
      for (std::size_t a = 0; a < kh; ++a)
        for (std::size_t b = 0; b < kw; ++b) {
          const long double x = img(i + a, j + b) * ker(a, b);
          s += x;
          t += std::fabs(x);
        }
      p.value(i, j) = s;
      p.scale(i, j) = t;
    }
  return p;
}

/// Eigenvalues of a symmetric matrix by cyclic Jacobi rotations in long double, descending.
/// Slow (O(n^3) per sweep) but simple and independent of the QL algorithm under test.
inline std::vector<long double> jacobi_eigenvalues(Dense a) {
  const std::size_t n = a.rows;
  for (int sweep = 0; sweep < 100; ++sweep) {
    long double off = 0, total = 0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        total += a(i, j) * a(i, j);
        if (i != j) off += a(i, j) * a(i, j);
      }
    if (off <= total * 1e-38L) break;
    for (std::size_t p = 0; p + 1 < n; ++p)
      for (std::size_t q = p + 1; q < n; ++q) {
        if (a(p, q) == 0) continue;
        // The rotation that zeroes a(p, q): tan(2 theta) = 2 a_pq / (a_qq - a_pp).
        const long double theta = (a(q, q) - a(p, p)) / (2 * a(p, q));
        const long double t = (theta >= 0 ? 1 : -1) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
        const long double c = 1 / std::sqrt(t * t + 1), s = t * c;
        for (std::size_t k = 0; k < n; ++k) {  // columns p, q
          const long double akp = a(k, p), akq = a(k, q);
          a(k, p) = c * akp - s * akq;
          a(k, q) = s * akp + c * akq;
        }
        for (std::size_t k = 0; k < n; ++k) {  // rows p, q
          const long double apk = a(p, k), aqk = a(q, k);
          a(p, k) = c * apk - s * aqk;
          a(q, k) = s * apk + c * aqk;
        }
      }
  }
  std::vector<long double> ev(n);
  for (std::size_t i = 0; i < n; ++i) ev[i] = a(i, i);
  std::sort(ev.begin(), ev.end(), std::greater<>());
  return ev;
}

}  // namespace trueno::ref
