// eigen.cpp: symmetric_eigen (Householder tridiagonalization, then implicit QL with Wilkinson
// shifts, in double precision for float and double input) and SymmetricEigen::reconstruct.
// The O(n^3) inner loops run on the kernel table: gemv_n and ger2 for the reflector updates,
// rot for the QL rotations, which act on contiguous rows because the eigenvectors are kept
// transposed (one per row) until the end.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "core/matrix_util.hpp"
#include "core/scratch.hpp"
#include "trueno/linalg.hpp"

namespace trueno {
namespace {

constexpr const char* kOp = "symmetric_eigen";

// Square, non-empty, finite, and symmetric within sqrt(eps(T)) * max|A|.
template <class T>
double validate(ConstMatrixView<T> a) {
  if (a.rows() != a.cols()) detail::throw_invalid(kOp, "A is " + detail::shape(a) + ", not square");
  if (a.empty()) throw EmptyInput(detail::op_prefix(kOp) + "A is 0x0 (the result is undefined)");
  const std::size_t n = a.rows();
  double amax = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const double v = a(i, j);
      if (!std::isfinite(v))
        detail::throw_invalid(kOp, "A[" + std::to_string(i) + ", " + std::to_string(j) + "] is " + std::to_string(v) +
                                       " (the input must be finite)");
      amax = std::max(amax, std::fabs(v));
    }
  const double tol = std::sqrt(static_cast<double>(std::numeric_limits<T>::epsilon())) * amax;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const double d = std::fabs(static_cast<double>(a(i, j)) - static_cast<double>(a(j, i)));
      if (d > tol)
        detail::throw_invalid(kOp, "A is not symmetric: A[" + std::to_string(i) + ", " + std::to_string(j) +
                                       "] = " + std::to_string(a(i, j)) + " but A[" + std::to_string(j) + ", " +
                                       std::to_string(i) + "] = " + std::to_string(a(j, i)) + " (tolerance " +
                                       std::to_string(tol) + " = sqrt(eps) * max|A|)");
    }
  return amax;
}

struct Work {
  std::size_t n;
  double* w;    // n x n: the symmetric matrix, reduced in place; row k keeps reflector k
  double* zt;   // n x n: Q^T, then the eigenvectors, one per row
  double* d;    // diagonal, then eigenvalues
  double* e;    // sub-diagonal: e[k] couples d[k] and d[k + 1]
  double* tau;  // reflector scales
  double* u;    // two vectors of n
  double* v;
};

// W = Q T Q^T with T tridiagonal (d, e): reflector k = I - tau v v^T zeroes W[k+2:, k], with v
// stored in W[k, k+1:] (row k is not needed again once d[k], e[k] are known).
void tridiagonalize(const cpu::MatrixKernels<double>& kern, Work& s) {
  const std::size_t n = s.n;
  for (std::size_t k = 0; k + 2 < n; ++k) {
    const std::size_t m = n - k - 1;
    double* x = s.w + k * n + k + 1;  // W[k, k+1:] == W[k+1:, k] by symmetry
    s.d[k] = s.w[k * n + k];
    double tail = 0;
    for (std::size_t i = 1; i < m; ++i) tail += x[i] * x[i];
    if (tail == 0) {  // already tridiagonal in this column
      s.e[k] = x[0];
      s.tau[k] = 0;
      continue;
    }
    const double norm = std::sqrt(x[0] * x[0] + tail);
    const double alpha = x[0] > 0 ? -norm : norm;  // opposite sign: no cancellation in x0 - alpha
    const double tau = 1.0 / (alpha * (alpha - x[0]));
    x[0] -= alpha;
    s.e[k] = alpha;
    s.tau[k] = tau;
    double* b = s.w + (k + 1) * n + k + 1;  // trailing block, m x m
    kern.gemv_n(m, m, tau, b, n, x, 0.0, s.u);  // p = tau B v
    double pv = 0;
    for (std::size_t i = 0; i < m; ++i) pv += s.u[i] * x[i];
    const double half = 0.5 * tau * pv;
    for (std::size_t i = 0; i < m; ++i) s.u[i] = half * x[i] - s.u[i];  // -(p - half v) = -w
    kern.ger2(m, m, x, s.u, s.u, x, b, n);                            // B -= v w^T + w v^T
  }
  if (n >= 2) {
    s.d[n - 2] = s.w[(n - 2) * n + n - 2];
    s.e[n - 2] = s.w[(n - 1) * n + n - 2];
  }
  s.d[n - 1] = s.w[(n - 1) * n + n - 1];
  s.e[n - 1] = 0;
}

// Q^T = H_{n-3} ... H_0, accumulated from the last reflector (each touches the trailing block
// only): Zt[k+1:, k+1:] <- Zt[k+1:, k+1:] (I - tau v v^T).
void accumulate_q(const cpu::MatrixKernels<double>& kern, Work& s) {
  const std::size_t n = s.n;
  std::fill(s.zt, s.zt + n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) s.zt[i * n + i] = 1.0;
  for (std::size_t k = n >= 3 ? n - 3 + 1 : 0; k-- > 0;) {
    if (s.tau[k] == 0) continue;
    const std::size_t m = n - k - 1;
    const double* x = s.w + k * n + k + 1;
    double* z = s.zt + (k + 1) * n + k + 1;
    kern.gemv_n(m, m, 1.0, z, n, x, 0.0, s.u);  // u = Z v
    for (std::size_t i = 0; i < m; ++i) s.v[i] = -s.tau[k] * x[i];
    kern.ger2(m, m, s.u, s.v, nullptr, nullptr, z, n);  // Z -= tau u v^T
  }
}

// Implicit QL with Wilkinson shifts on (d, e); rotations applied to the rows of Zt.
void ql_implicit(const cpu::MatrixKernels<double>& kern, Work& s) {
  const std::size_t n = s.n;
  double* d = s.d;
  double* e = s.e;
  for (std::size_t l = 0; l < n; ++l) {
    for (int iter = 0;; ++iter) {
      std::size_t m = l;
      for (; m + 1 < n; ++m) {
        const double dd = std::fabs(d[m]) + std::fabs(d[m + 1]);
        if (std::fabs(e[m]) + dd == dd) break;  // e[m] negligible: split here
      }
      if (m == l) break;
      if (iter == 60) throw Error(detail::op_prefix(kOp) + "the QL iteration did not converge");
      double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
      double r = std::hypot(g, 1.0);
      g = d[m] - d[l] + e[l] / (g + std::copysign(r, g));
      double sn = 1.0, cs = 1.0, p = 0.0;
      bool deflated = false;
      for (std::size_t i = m; i-- > l;) {
        const double f = sn * e[i], b = cs * e[i];
        r = std::hypot(f, g);
        e[i + 1] = r;
        if (r == 0.0) {  // underflow: the chase stops early, and the split is retried
          d[i + 1] -= p;
          e[m] = 0.0;
          deflated = true;
          break;
        }
        sn = f / r;
        cs = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * sn + 2.0 * cs * b;
        p = sn * r;
        d[i + 1] = g + p;
        g = cs * r - b;
        kern.rot(s.zt + i * n, s.zt + (i + 1) * n, n, cs, sn);
      }
      if (deflated) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0.0;
    }
  }
}

template <class T>
SymmetricEigen<T> eigen_impl(ConstMatrixView<T> a) {
  const double amax = validate(a);
  const std::size_t n = a.rows();
  detail::ScratchLease lease(detail::ScratchSlot::linalg, (2 * n * n + 5 * n) * sizeof(double));
  double* base = lease.as<double>();
  Work s{n, base, base + n * n, base + 2 * n * n, base + 2 * n * n + n, base + 2 * n * n + 2 * n,
         base + 2 * n * n + 3 * n, base + 2 * n * n + 4 * n};
  // Scale by a power of two (exact) so that max|A| is about 1: no overflow in the norms.
  const double scale = amax > 0 ? std::ldexp(1.0, -std::ilogb(amax)) : 1.0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      s.w[i * n + j] = (0.5 * static_cast<double>(a(i, j)) + 0.5 * static_cast<double>(a(j, i))) * scale;

  const auto& kern = detail::matrix_kernels<double>();
  tridiagonalize(kern, s);
  accumulate_q(kern, s);
  ql_implicit(kern, s);

  // Descending order; each eigenvector's largest-magnitude component made positive.
  std::size_t* order = reinterpret_cast<std::size_t*>(s.u);  // n indices fit in the 2n doubles of u, v
  std::iota(order, order + n, std::size_t{0});
  std::stable_sort(order, order + n, [&](std::size_t x, std::size_t y) { return s.d[x] > s.d[y]; });
  SymmetricEigen<T> out{Vector<T>::uninitialized(n), Matrix<T>::uninitialized(n, n)};
  T* sorted = reinterpret_cast<T*>(s.w);  // W is free now: the sorted rows, in T
  for (std::size_t j = 0; j < n; ++j) {
    const double* z = s.zt + order[j] * n;
    std::size_t big = 0;
    for (std::size_t i = 1; i < n; ++i)
      if (std::fabs(z[i]) > std::fabs(z[big])) big = i;
    const double sign = z[big] < 0 ? -1.0 : 1.0;
    for (std::size_t i = 0; i < n; ++i) sorted[j * n + i] = static_cast<T>(sign * z[i]);
    out.values[j] = static_cast<T>(s.d[order[j]] / scale);
  }
  detail::matrix_kernels<T>().transpose(sorted, n, n, n, out.vectors.data(), n);  // rows -> columns
  return out;
}

template <class T>
Matrix<T> reconstruct_impl(const SymmetricEigen<T>& eig) {
  const std::size_t n = eig.values.size();
  if (eig.vectors.rows() != n || eig.vectors.cols() != n)
    throw SizeMismatch("trueno::SymmetricEigen::reconstruct: vectors are " + detail::shape(eig.vectors.view()) +
                       " but there are " + std::to_string(n) + " values");
  detail::ScratchLease lease(detail::ScratchSlot::linalg, n * n * sizeof(T));
  MatrixView<T> scaled(lease.as<T>(), n, n);  // V diag(values)
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) scaled(i, j) = eig.vectors(i, j) * eig.values[j];
  return matmul(ConstMatrixView<T>(scaled), eig.vectors.view(), Transpose::no, Transpose::yes);
}

}  // namespace

template <MatrixElement T>
Matrix<T> SymmetricEigen<T>::reconstruct() const {
  return reconstruct_impl(*this);
}
template struct SymmetricEigen<float>;
template struct SymmetricEigen<double>;

SymmetricEigen<float> symmetric_eigen(ConstMatrixView<float> a) { return eigen_impl<float>(a); }
SymmetricEigen<double> symmetric_eigen(ConstMatrixView<double> a) { return eigen_impl<double>(a); }

}  // namespace trueno
