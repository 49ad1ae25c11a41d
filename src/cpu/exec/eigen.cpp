// eigen.cpp: the CPU executor of symmetric_eigen (Householder tridiagonalization, then implicit
// QL with Wilkinson shifts, in double precision for float and double input) and of its
// reconstruction. The O(n^3) inner loops run on the kernel table: gemv_n and ger2 for the
// reflector updates, rot_chains for the QL rotations, which act on contiguous rows because the
// eigenvectors are kept transposed (one per row) until the end.
#include "cpu/exec/eigen.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cpu/dispatch.hpp"
#include "cpu/exec/gemm.hpp"
#include "cpu/exec/scratch.hpp"

namespace trueno::cpu::exec {
namespace {

struct Work {
  std::size_t n;
  std::size_t ld;  // row stride of w and zt: padded off multiples of 4 KiB (see padded_ld)
  double* w;       // n x n: the symmetric matrix, reduced in place; row k keeps reflector k
  double* zt;      // n x n: Q^T, then the eigenvectors, one per row
  double* d;       // diagonal, then eigenvalues
  double* e;       // sub-diagonal: e[k] couples d[k] and d[k + 1]
  double* tau;     // reflector scales
  double* u;       // two vectors of n
  double* v;
};

// A row stride that is not a multiple of 512 bytes: with n = 512 doubles the rows would be
// 4 KiB apart, every row in the same L1 sets (and 16 rows per L2 set), and the column walks of
// the QL rotations would miss on every row (measured: 100 -> 25 ms at n = 512).
std::size_t padded_ld(std::size_t n) {
  const std::size_t ld = (n + 7) / 8 * 8;
  return ld % 64 == 0 ? ld + 8 : ld;
}

// W = Q T Q^T with T tridiagonal (d, e): reflector k = I - tau v v^T zeroes W[k+2:, k], with v
// stored in W[k, k+1:] (row k is not needed again once d[k], e[k] are known).
void tridiagonalize(const MatrixKernels<double>& kern, Work& s) {
  const std::size_t n = s.n;
  for (std::size_t k = 0; k + 2 < n; ++k) {
    const std::size_t m = n - k - 1;
    double* x = s.w + k * s.ld + k + 1;  // W[k, k+1:] == W[k+1:, k] by symmetry
    s.d[k] = s.w[k * s.ld + k];
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
    double* b = s.w + (k + 1) * s.ld + k + 1;      // trailing block, m x m
    kern.gemv_n(m, m, tau, b, s.ld, x, 0.0, s.u);  // p = tau B v
    double pv = 0;
    for (std::size_t i = 0; i < m; ++i) pv += s.u[i] * x[i];
    const double half = 0.5 * tau * pv;
    for (std::size_t i = 0; i < m; ++i) s.u[i] = half * x[i] - s.u[i];  // -(p - half v) = -w
    kern.ger2(m, m, x, s.u, s.u, x, b, s.ld);                           // B -= v w^T + w v^T
  }
  if (n >= 2) {
    s.d[n - 2] = s.w[(n - 2) * s.ld + n - 2];
    s.e[n - 2] = s.w[(n - 1) * s.ld + n - 2];
  }
  s.d[n - 1] = s.w[(n - 1) * s.ld + n - 1];
  s.e[n - 1] = 0;
}

// Q^T = H_{n-3} ... H_0, accumulated from the last reflector (each touches the trailing block
// only): Zt[k+1:, k+1:] <- Zt[k+1:, k+1:] (I - tau v v^T).
void accumulate_q(const MatrixKernels<double>& kern, Work& s) {
  const std::size_t n = s.n;
  std::fill(s.zt, s.zt + n * s.ld, 0.0);
  for (std::size_t i = 0; i < n; ++i) s.zt[i * s.ld + i] = 1.0;
  for (std::size_t k = n >= 3 ? n - 3 + 1 : 0; k-- > 0;) {
    if (s.tau[k] == 0) continue;
    const std::size_t m = n - k - 1;
    const double* x = s.w + k * s.ld + k + 1;
    double* z = s.zt + (k + 1) * s.ld + k + 1;
    kern.gemv_n(m, m, 1.0, z, s.ld, x, 0.0, s.u);  // u = Z v
    for (std::size_t i = 0; i < m; ++i) s.v[i] = -s.tau[k] * x[i];
    kern.ger2(m, m, s.u, s.v, nullptr, nullptr, z, s.ld);  // Z -= tau u v^T
  }
}

// The rotations of the QL chases, logged and applied to Zt in batches (rot_chains): the log
// lives in W, free once Q is formed, so a batch holds ~n^2 / 2 rotations and Zt is streamed a
// few times in all instead of once per chase (n = 512: 76 -> ~15 ms).
class RotationLog {
 public:
  RotationLog(const MatrixKernels<double>& kern, Work& s, double* space, std::size_t doubles)
      : kern_(kern),
        s_(s),
        cap_((doubles - 3 * s.n) / 2),
        c_(space),
        sn_(space + cap_),
        chains_(reinterpret_cast<std::size_t*>(space + 2 * cap_)) {}
  ~RotationLog() = default;
  RotationLog(const RotationLog&) = delete;
  RotationLog& operator=(const RotationLog&) = delete;

  /// Room for the rotations (i, i + 1), i in [l, m); returns where rotation i goes: at [i - l].
  std::size_t reserve(std::size_t l, std::size_t m) {
    if (used_ + (m - l) > cap_ || count_ == s_.n) flush();
    return used_;
  }
  void set(std::size_t at, double c, double sn) {
    c_[at] = c;
    sn_[at] = sn;
  }
  /// Records the chase of rotations i in [first, last), stored from `at` (the rotation of l).
  void commit(std::size_t at, std::size_t l, std::size_t first, std::size_t last) {
    if (first < last) {
      std::size_t* ch = chains_ + 3 * count_++;
      ch[0] = first;
      ch[1] = last;
      ch[2] = at + (first - l);
    }
    used_ = at + (last - l);
  }
  void flush() {
    if (count_ != 0) kern_.rot_chains(s_.zt, s_.ld, s_.n, chains_, count_, c_, sn_);
    count_ = used_ = 0;
  }

 private:
  const MatrixKernels<double>& kern_;
  Work& s_;
  std::size_t cap_, used_ = 0, count_ = 0;
  double* c_;
  double* sn_;
  std::size_t* chains_;
};

// Implicit QL with Wilkinson shifts on (d, e); every rotation goes to the log. False if an
// eigenvalue does not converge in 60 iterations.
bool ql_implicit(RotationLog& log, Work& s) {
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
      if (iter == 60) return false;
      double g = (d[l + 1] - d[l]) / (2.0 * e[l]);
      double r = std::hypot(g, 1.0);
      g = d[m] - d[l] + e[l] / (g + std::copysign(r, g));
      double sn = 1.0, cs = 1.0, p = 0.0;
      bool deflated = false;
      std::size_t done = l;  // rotations (i, i + 1) for i in [done, m) were chased
      const std::size_t at = log.reserve(l, m);
      for (std::size_t i = m; i-- > l;) {
        const double f = sn * e[i], b = cs * e[i];
        r = std::hypot(f, g);
        e[i + 1] = r;
        if (r == 0.0) {  // underflow: the chase stops early, and the split is retried
          d[i + 1] -= p;
          e[m] = 0.0;
          deflated = true;
          done = i + 1;
          break;
        }
        sn = f / r;
        cs = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * sn + 2.0 * cs * b;
        p = sn * r;
        d[i + 1] = g + p;
        g = cs * r - b;
        log.set(at + (i - l), cs, sn);
      }
      log.commit(at, l, done, m);
      if (deflated) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0.0;
    }
  }
  log.flush();
  return true;
}

template <class T>
bool solve(const T* a, std::size_t lda, std::size_t n, double amax, T* values, T* vectors, std::size_t ldv) {
  // W, Zt, five vectors, and room for a rotation log of at least 8n rotations when W is small.
  const std::size_t ld = padded_ld(n), nn = n * ld;
  ScratchLease lease(ScratchSlot::linalg, (2 * nn + 24 * n) * sizeof(double));
  double* base = lease.as<double>();
  double* vecs = base + 2 * nn;
  Work s{n, ld, base, base + nn, vecs, vecs + n, vecs + 2 * n, vecs + 3 * n, vecs + 4 * n};
  // Scale by a power of two (exact) so that max|A| is about 1: no overflow in the norms.
  const double scale = amax > 0 ? std::ldexp(1.0, -std::ilogb(amax)) : 1.0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      s.w[i * ld + j] = (0.5 * static_cast<double>(a[i * lda + j]) + 0.5 * static_cast<double>(a[j * lda + i])) * scale;

  const auto& kern = matrix<double>(kernels());
  tridiagonalize(kern, s);
  accumulate_q(kern, s);
  {
    const bool in_w = nn >= 19 * n;  // W holds the log from n = 19 on
    RotationLog log(kern, s, in_w ? s.w : vecs + 5 * n, in_w ? nn : 19 * n);
    if (!ql_implicit(log, s)) return false;
  }

  // Descending order; each eigenvector's largest-magnitude component made positive.
  std::size_t* order = reinterpret_cast<std::size_t*>(s.u);  // n indices fit in the 2n doubles of u, v
  std::iota(order, order + n, std::size_t{0});
  // std::sort with the index as tie-break: the order of std::stable_sort without its temporary
  // buffer (a heap allocation per call, which the allocation audit forbids).
  std::sort(order, order + n,
            [&](std::size_t x, std::size_t y) { return s.d[x] > s.d[y] || (s.d[x] == s.d[y] && x < y); });
  T* sorted = reinterpret_cast<T*>(s.w);  // W is free now: the sorted rows, in T
  for (std::size_t j = 0; j < n; ++j) {
    const double* z = s.zt + order[j] * ld;
    std::size_t big = 0;
    for (std::size_t i = 1; i < n; ++i)
      if (std::fabs(z[i]) > std::fabs(z[big])) big = i;
    const double sign = z[big] < 0 ? -1.0 : 1.0;
    for (std::size_t i = 0; i < n; ++i) sorted[j * n + i] = static_cast<T>(sign * z[i]);
    values[j] = static_cast<T>(s.d[order[j]] / scale);
  }
  matrix<T>(kernels()).transpose(sorted, n, n, n, vectors, ldv);  // rows -> columns
  return true;
}

template <class T>
void reconstruct(const T* values, const T* vectors, std::size_t n, T* out) {
  ScratchLease lease(ScratchSlot::linalg, n * n * sizeof(T));
  T* scaled = lease.as<T>();  // V diag(values)
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) scaled[i * n + j] = vectors[i * n + j] * values[j];
  const auto ld = static_cast<std::ptrdiff_t>(n);
  gemm(GemmArgs<T>{n, n, n, T(1), T(0), {scaled, ld, 1}, {vectors, 1, ld}, out, n});  // V diag(values) V^T
}

}  // namespace

bool symmetric_eigen(const float* a, std::size_t lda, std::size_t n, double amax, float* values, float* vectors,
                     std::size_t ldv) {
  return solve(a, lda, n, amax, values, vectors, ldv);
}
bool symmetric_eigen(const double* a, std::size_t lda, std::size_t n, double amax, double* values, double* vectors,
                     std::size_t ldv) {
  return solve(a, lda, n, amax, values, vectors, ldv);
}

void eigen_reconstruct(const float* values, const float* vectors, std::size_t n, float* out) {
  reconstruct(values, vectors, n, out);
}
void eigen_reconstruct(const double* values, const double* vectors, std::size_t n, double* out) {
  reconstruct(values, vectors, n, out);
}

}  // namespace trueno::cpu::exec
