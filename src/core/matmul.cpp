// matmul.cpp: front-ends of gemm/matmul, matvec/vecmat and the batched products: validate
// shapes -> pick the kernel table once -> route M == 1 / N == 1 to GEMV, the rest to the
// blocked GEMM split into independent blocks of C (the threading seam).
#include <string>

#include "core/matrix_util.hpp"
#include "core/scratch.hpp"
#include "cpu/parallel/parallel.hpp"
#include "trueno/threads.hpp"
#include "trueno/linalg.hpp"

namespace trueno {
namespace {

using detail::ScratchLease;
using detail::ScratchSlot;
using detail::shape;

template <class T>
cpu::MatRef<T> operand(ConstMatrixView<T> v, Transpose t) {
  const auto ld = static_cast<std::ptrdiff_t>(v.stride());
  if (t == Transpose::yes) return {v.data(), 1, ld};
  return {v.data(), ld, 1};
}

// C = beta C when the product term vanishes (k == 0 or alpha == 0: A and B are not read, as in
// BLAS); beta == 0 writes zeros, ignoring NaN in C.
template <class T>
void scale_c(T* c, std::size_t ldc, std::size_t m, std::size_t n, T beta) {
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) c[i * ldc + j] = beta == T(0) ? T(0) : beta * c[i * ldc + j];
}

// A strided vector as a contiguous pointer: itself when the stride is 1, else gathered into buf.
template <class T>
const T* contiguous(const T* p, std::ptrdiff_t stride, std::size_t n, T* buf) {
  if (stride == 1 || n <= 1) return p;
  for (std::size_t i = 0; i < n; ++i) buf[i] = p[static_cast<std::ptrdiff_t>(i) * stride];
  return buf;
}

// M == 1 or N == 1: one matrix-vector product that reads the matrix operand once.
// GEMV reads the matrix once, so it is bound by memory bandwidth: rows of A x (gemv_n) or
// columns of A^T x (gemv_t) are split across threads like the other streaming reductions.
template <class T>
void gemv_n(const cpu::MatrixKernels<T>& kern, std::size_t m, std::size_t n, T alpha, const T* a, std::size_t lda,
            const T* x, T beta, T* y) {
  parallel::for_items(m, n, parallel::Cost::reduce, [&](std::size_t b, std::size_t e) {
    kern.gemv_n(e - b, n, alpha, a + b * lda, lda, x, beta, y + b);
  });
}

template <class T>
void gemv_t(const cpu::MatrixKernels<T>& kern, std::size_t m, std::size_t n, T alpha, const T* a, std::size_t lda,
            const T* x, T beta, T* y) {
  parallel::for_items(n, m, parallel::Cost::reduce,
                      [&](std::size_t b, std::size_t e) { kern.gemv_t(m, e - b, alpha, a + b, lda, x, beta, y + b); });
}

template <class T>
void gemv_path(const cpu::MatrixKernels<T>& kern, const cpu::GemmArgs<T>& g) {
  const std::size_t vec = g.k, out = g.m == 1 ? g.n : g.m;
  ScratchLease lease(ScratchSlot::gemm, (vec + out) * sizeof(T));
  T* xbuf = lease.as<T>();
  T* ybuf = xbuf + vec;
  if (g.m == 1) {  // c row = a row . op(B): the row of C is contiguous
    const T* x = contiguous(g.a.data, g.a.cs, g.k, xbuf);
    if (g.b.cs == 1)
      gemv_t(kern, g.k, g.n, g.alpha, g.b.data, static_cast<std::size_t>(g.b.rs), x, g.beta, g.c);
    else
      gemv_n(kern, g.n, g.k, g.alpha, g.b.data, static_cast<std::size_t>(g.b.cs), x, g.beta, g.c);
    return;
  }
  // c column = op(A) . b column; a strided column of C goes through ybuf.
  const T* x = contiguous(g.b.data, g.b.rs, g.k, xbuf);
  const bool strided = g.ldc != 1;
  T* y = strided ? ybuf : g.c;
  if (strided && g.beta != T(0))
    for (std::size_t i = 0; i < g.m; ++i) y[i] = g.c[i * g.ldc];
  if (g.a.cs == 1)
    gemv_n(kern, g.m, g.k, g.alpha, g.a.data, static_cast<std::size_t>(g.a.rs), x, g.beta, y);
  else
    gemv_t(kern, g.k, g.m, g.alpha, g.a.data, static_cast<std::size_t>(g.a.cs), x, g.beta, y);
  if (strided)
    for (std::size_t i = 0; i < g.m; ++i) g.c[i * g.ldc] = y[i];
}

// C split into a grid of gr x gc independent blocks (whole micro-panels of rows and columns),
// each computed by the blocked kernel with its own scratch: no joins, and each block packs only
// its own rows of A and columns of B. Blocks are claimed one at a time, so a thread slowed by
// another process takes fewer. The grid: about 4 blocks per thread, none narrower than
// kMinBlock rows or columns where the shape allows at least one block per thread (else 2 per
// thread of any size), and among those the one that packs least (A is packed once per column of
// blocks, B once per row). Measured on the 16-core Xeon (16 threads, fraction of the all-core
// FMA peak, median of interleaved rounds): n = 4096: 4 x 8 blocks 0.56, 8 x 8 0.58, 16 x 16
// 0.55; n = 2048: 4 x 8 0.49, 8 x 8 0.52; n = 1024: 4 x 8 0.35, 8 x 8 0.36, 4 x 4 0.38. Blocks
// of 256-512 rows keep the packed A block (rows x 1 KiB) in L2 next to the two B blocks; more
// blocks than threads balance the load.
template <class T>
void gemm_grid(const cpu::MatrixKernels<T>& kern, const cpu::GemmArgs<T>& g, std::size_t threads) {
  constexpr std::size_t kMinBlock = 256;
  const std::size_t mr = kern.gemm_mr, nr = kern.gemm_nr;
  const std::size_t a_panels = (g.m + mr - 1) / mr, b_panels = (g.n + nr - 1) / nr;
  std::size_t gr = 1, gc = 1;
  // The cheapest grid of at least `tasks` blocks with at most rmax x cmax blocks; false if none.
  auto pick = [&](std::size_t tasks, std::size_t rmax, std::size_t cmax) {
    double best = -1;
    for (std::size_t r = 1; r <= tasks && r <= rmax; ++r) {
      const std::size_t c = (tasks + r - 1) / r;
      if (c > cmax) continue;
      const double cost =
          static_cast<double>(g.m) * static_cast<double>(c) + static_cast<double>(g.n) * static_cast<double>(r);
      if (best < 0 || cost < best) best = cost, gr = r, gc = c;
    }
    return best >= 0;
  };
  const std::size_t rmax = g.m / kMinBlock > 0 ? g.m / kMinBlock : 1, cmax = g.n / kMinBlock > 0 ? g.n / kMinBlock : 1;
  if (!pick(4 * threads, rmax, cmax) && !pick(threads, rmax, cmax) && !pick(2 * threads, a_panels, b_panels)) {
    gr = a_panels < 2 * threads ? a_panels : 2 * threads, gc = 1;
  }
  parallel::run_parts(gr * gc, [&](std::size_t t) {
    const std::size_t r = t / gc, c = t % gc;
    const std::size_t i0 = a_panels * r / gr * mr, i1e = a_panels * (r + 1) / gr * mr;
    const std::size_t j0 = b_panels * c / gc * nr, j1e = b_panels * (c + 1) / gc * nr;
    const std::size_t i1 = i1e < g.m ? i1e : g.m, j1 = j1e < g.n ? j1e : g.n;
    if (i0 >= i1 || j0 >= j1) return;
    ScratchLease lease(ScratchSlot::gemm, kern.gemm_scratch(i1 - i0, j1 - j0, g.k) * sizeof(T));
    kern.gemm(g, i0, i1, j0, j1, lease.as<T>());
  });
}

// The product on the calling thread (one block: the kernel packs each A block once for every
// column), or split into a grid of blocks once each thread gets ~2M multiply-adds (~20 us; the
// work unit passed to the policy is 128 FMAs). Measured on the 16-core Xeon (n = 2048 / 4096,
// GFLOP/s, same run): one block of rows per thread (B packed by every thread) 845-868 / -;
// B packed once per depth block and shared by the threads (a join per depth block) 842-889 /
// 925-974; this grid 962-983 / 1035-1079 (another run: rows 1035, grid 1025 at 2048). No joins:
// a descheduled thread delays only its own blocks (docs/matrix.md, "Threads").
// split == false: one block, on this thread (a product that is itself one part of a batch).
template <class T>
void gemm_blocks(const cpu::MatrixKernels<T>& kern, const cpu::GemmArgs<T>& g, bool split) {
  const double fmas = static_cast<double>(g.m) * static_cast<double>(g.n) * static_cast<double>(g.k);
  const std::size_t work = fmas / 128.0 > 1e18 ? std::size_t{1} << 60 : static_cast<std::size_t>(fmas / 128.0);
  const std::size_t threads = split ? parallel::threads_for(work, parallel::Cost::compute) : 1;
  if (threads > 1) return gemm_grid(kern, g, threads);
  ScratchLease lease(ScratchSlot::gemm, kern.gemm_scratch(g.m, g.n, g.k) * sizeof(T));
  kern.gemm(g, 0, g.m, 0, g.n, lease.as<T>());
}

// Dispatch of one validated product.
template <class T>
void run_product(const cpu::MatrixKernels<T>& kern, const cpu::GemmArgs<T>& g, bool split = true) {
  if (g.m == 0 || g.n == 0) return;
  if (g.k == 0 || g.alpha == T(0)) return scale_c(g.c, g.ldc, g.m, g.n, g.beta);
  if (g.m == 1 || g.n == 1) return gemv_path(kern, g);
  gemm_blocks(kern, g, split);
}

struct Dims {
  std::size_t m, n, k;
};

template <class T>
Dims product_dims(const char* op, ConstMatrixView<T> a, Transpose ta, ConstMatrixView<T> b, Transpose tb) {
  const bool at = ta == Transpose::yes, bt = tb == Transpose::yes;
  const Dims d{at ? a.cols() : a.rows(), bt ? b.rows() : b.cols(), at ? a.rows() : a.cols()};
  const std::size_t kb = bt ? b.cols() : b.rows();
  if (d.k != kb) {
    throw SizeMismatch(detail::op_prefix(op) + "op(A) is " + shape(d.m, d.k) + (at ? " (A^T of " : " (A ") + shape(a) +
                       ") but op(B) is " + shape(kb, d.n) + (bt ? " (B^T of " : " (B ") + shape(b) +
                       "): inner dimensions " + std::to_string(d.k) + " and " + std::to_string(kb) + " differ");
  }
  return d;
}

template <class T>
void gemm_checked(const char* op, T alpha, ConstMatrixView<T> a, Transpose ta, ConstMatrixView<T> b, Transpose tb,
                  T beta, MatrixView<T> c) {
  const Dims d = product_dims(op, a, ta, b, tb);
  detail::check_out_shape<T>(op, c, d.m, d.n);
  detail::check_disjoint<T>(op, c, "A", a);
  detail::check_disjoint<T>(op, c, "B", b);
  const cpu::GemmArgs<T> g{d.m, d.n, d.k, alpha, beta, operand(a, ta), operand(b, tb), c.data(), c.stride()};
  run_product(detail::matrix_kernels<T>(), g);
}

template <class T>
Matrix<T> matmul_alloc(ConstMatrixView<T> a, ConstMatrixView<T> b, Transpose ta, Transpose tb) {
  const Dims d = product_dims("matmul", a, ta, b, tb);
  auto c = Matrix<T>::uninitialized(d.m, d.n);
  gemm_checked<T>("matmul", T(1), a, ta, b, tb, T(0), c);
  return c;
}

template <class T>
void matvec_into(ConstMatrixView<T> a, std::span<const T> x, std::span<T> out) {
  detail::check_same_size("matvec", "x", x.size(), "A's columns", a.cols());
  detail::check_same_size("matvec", "out", out.size(), "A's rows", a.rows());
  detail::check_disjoint<T>("matvec", out, "A", detail::extent(a));
  detail::check_disjoint<T>("matvec", out, "x", {x.data(), x.data() + x.size()});
  if (a.rows() != 0)
    gemv_n(detail::matrix_kernels<T>(), a.rows(), a.cols(), T(1), a.data(), a.stride(), x.data(), T(0), out.data());
}

template <class T>
void vecmat_into(std::span<const T> x, ConstMatrixView<T> a, std::span<T> out) {
  detail::check_same_size("vecmat", "x", x.size(), "A's rows", a.rows());
  detail::check_same_size("vecmat", "out", out.size(), "A's columns", a.cols());
  detail::check_disjoint<T>("vecmat", out, "A", detail::extent(a));
  detail::check_disjoint<T>("vecmat", out, "x", {x.data(), x.data() + x.size()});
  if (a.cols() != 0)
    gemv_t(detail::matrix_kernels<T>(), a.rows(), a.cols(), T(1), a.data(), a.stride(), x.data(), T(0), out.data());
}

std::size_t checked_product(const char* op, std::size_t a, std::size_t b, std::size_t c) {
  const std::size_t ab = detail::checked_elements(a, b);
  if (c != 0 && ab > static_cast<std::size_t>(-1) / c) detail::throw_invalid(op, "the shape overflows size_t");
  return ab * c;
}

template <class T>
void batched_into(const char* op, std::span<const T> a, std::span<const T> b, std::span<T> out, std::size_t batch,
                  std::size_t m, std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  const std::size_t sa = checked_product(op, batch, m, k), sb = checked_product(op, batch, k, n);
  const std::size_t sc = checked_product(op, batch, m, n);
  if (a.size() != sa || b.size() != sb || out.size() != sc) {
    // Built only here: a std::string per call would be a heap allocation (allocation audit).
    const std::string dims = " (batch " + std::to_string(batch) + ", m " + std::to_string(m) + ", k " +
                             std::to_string(k) + ", n " + std::to_string(n) + ")";
    throw SizeMismatch(detail::op_prefix(op) + "a, b, out have " + std::to_string(a.size()) + ", " +
                       std::to_string(b.size()) + ", " + std::to_string(out.size()) + " elements but the shape" + dims +
                       " needs " + std::to_string(sa) + ", " + std::to_string(sb) + ", " + std::to_string(sc));
  }
  detail::check_disjoint<T>(op, out, "a", {a.data(), a.data() + a.size()});
  detail::check_disjoint<T>(op, out, "b", {b.data(), b.data() + b.size()});
  if (batch == 0 || m == 0 || n == 0) return;
  const auto& kern = detail::matrix_kernels<T>();
  const bool at = ta == Transpose::yes, bt = tb == Transpose::yes;
  auto products = [&](std::size_t i0, std::size_t i1, bool split) {
    for (std::size_t i = i0; i < i1; ++i) {
      const ConstMatrixView<T> ai(a.data() + i * m * k, at ? k : m, at ? m : k);
      const ConstMatrixView<T> bi(b.data() + i * k * n, bt ? n : k, bt ? k : n);
      const cpu::GemmArgs<T> g{m, n, k, T(1), T(0), operand(ai, ta), operand(bi, tb), out.data() + i * m * n, n};
      run_product(kern, g, split);
    }
  };
  // Enough products for every thread: one product per thread at a time, each one block on its
  // thread (not cut into the grid of a split product, run in order there). Fewer: one after
  // another, each split across the threads itself.
  if (batch >= num_threads()) {
    const double fmas = static_cast<double>(m) * static_cast<double>(n) * static_cast<double>(k);
    const std::size_t work = fmas / 128.0 > 1e15 ? std::size_t{1} << 50 : static_cast<std::size_t>(fmas / 128.0);
    parallel::for_items(batch, work, parallel::Cost::compute,
                        [&](std::size_t i0, std::size_t i1) { products(i0, i1, false); });
  } else {
    products(0, batch, true);
  }
}

template <class T>
Vector<T> batched_alloc(const char* op, std::span<const T> a, std::span<const T> b, std::size_t batch, std::size_t m,
                        std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  auto out = Vector<T>::uninitialized(checked_product(op, batch, m, n));
  batched_into<T>(op, a, b, out.span(), batch, m, k, n, ta, tb);
  return out;
}

}  // namespace

// ---- public entry points: float and double -------------------------------------------------
Matrix<float> matmul(ConstMatrixView<float> a, ConstMatrixView<float> b, Transpose ta, Transpose tb) {
  return matmul_alloc<float>(a, b, ta, tb);
}
Matrix<double> matmul(ConstMatrixView<double> a, ConstMatrixView<double> b, Transpose ta, Transpose tb) {
  return matmul_alloc<double>(a, b, ta, tb);
}
void matmul(ConstMatrixView<float> a, ConstMatrixView<float> b, MatrixView<float> out, Transpose ta, Transpose tb) {
  gemm_checked<float>("matmul", 1.0f, a, ta, b, tb, 0.0f, out);
}
void matmul(ConstMatrixView<double> a, ConstMatrixView<double> b, MatrixView<double> out, Transpose ta, Transpose tb) {
  gemm_checked<double>("matmul", 1.0, a, ta, b, tb, 0.0, out);
}
void gemm(float alpha, ConstMatrixView<float> a, ConstMatrixView<float> b, float beta, MatrixView<float> c,
          Transpose ta, Transpose tb) {
  gemm_checked<float>("gemm", alpha, a, ta, b, tb, beta, c);
}
void gemm(double alpha, ConstMatrixView<double> a, ConstMatrixView<double> b, double beta, MatrixView<double> c,
          Transpose ta, Transpose tb) {
  gemm_checked<double>("gemm", alpha, a, ta, b, tb, beta, c);
}

Vector<float> matvec(ConstMatrixView<float> a, std::span<const float> x) {
  detail::check_same_size("matvec", "x", x.size(), "A's columns", a.cols());
  auto out = Vector<float>::uninitialized(a.rows());
  matvec_into<float>(a, x, out.span());
  return out;
}
Vector<double> matvec(ConstMatrixView<double> a, std::span<const double> x) {
  detail::check_same_size("matvec", "x", x.size(), "A's columns", a.cols());
  auto out = Vector<double>::uninitialized(a.rows());
  matvec_into<double>(a, x, out.span());
  return out;
}
void matvec(ConstMatrixView<float> a, std::span<const float> x, std::span<float> out) { matvec_into<float>(a, x, out); }
void matvec(ConstMatrixView<double> a, std::span<const double> x, std::span<double> out) {
  matvec_into<double>(a, x, out);
}
Vector<float> vecmat(std::span<const float> x, ConstMatrixView<float> a) {
  detail::check_same_size("vecmat", "x", x.size(), "A's rows", a.rows());
  auto out = Vector<float>::uninitialized(a.cols());
  vecmat_into<float>(x, a, out.span());
  return out;
}
Vector<double> vecmat(std::span<const double> x, ConstMatrixView<double> a) {
  detail::check_same_size("vecmat", "x", x.size(), "A's rows", a.rows());
  auto out = Vector<double>::uninitialized(a.cols());
  vecmat_into<double>(x, a, out.span());
  return out;
}
void vecmat(std::span<const float> x, ConstMatrixView<float> a, std::span<float> out) { vecmat_into<float>(x, a, out); }
void vecmat(std::span<const double> x, ConstMatrixView<double> a, std::span<double> out) {
  vecmat_into<double>(x, a, out);
}

Vector<float> batched_matmul(std::span<const float> a, std::span<const float> b, std::size_t batch, std::size_t m,
                             std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  return batched_alloc<float>("batched_matmul", a, b, batch, m, k, n, ta, tb);
}
Vector<double> batched_matmul(std::span<const double> a, std::span<const double> b, std::size_t batch, std::size_t m,
                              std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  return batched_alloc<double>("batched_matmul", a, b, batch, m, k, n, ta, tb);
}
void batched_matmul(std::span<const float> a, std::span<const float> b, std::span<float> out, std::size_t batch,
                    std::size_t m, std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  batched_into<float>("batched_matmul", a, b, out, batch, m, k, n, ta, tb);
}
void batched_matmul(std::span<const double> a, std::span<const double> b, std::span<double> out, std::size_t batch,
                    std::size_t m, std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  batched_into<double>("batched_matmul", a, b, out, batch, m, k, n, ta, tb);
}
Vector<float> batched_matmul_4d(std::span<const float> a, std::span<const float> b, std::size_t batch,
                                std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb) {
  return batched_alloc<float>("batched_matmul_4d", a, b, checked_product("batched_matmul_4d", batch, heads, 1), m, k, n,
                              Transpose::no, tb);
}
Vector<double> batched_matmul_4d(std::span<const double> a, std::span<const double> b, std::size_t batch,
                                 std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb) {
  return batched_alloc<double>("batched_matmul_4d", a, b, checked_product("batched_matmul_4d", batch, heads, 1), m, k,
                               n, Transpose::no, tb);
}
void batched_matmul_4d(std::span<const float> a, std::span<const float> b, std::span<float> out, std::size_t batch,
                       std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb) {
  batched_into<float>("batched_matmul_4d", a, b, out, checked_product("batched_matmul_4d", batch, heads, 1), m, k, n,
                      Transpose::no, tb);
}
void batched_matmul_4d(std::span<const double> a, std::span<const double> b, std::span<double> out, std::size_t batch,
                       std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb) {
  batched_into<double>("batched_matmul_4d", a, b, out, checked_product("batched_matmul_4d", batch, heads, 1), m, k, n,
                       Transpose::no, tb);
}

}  // namespace trueno
