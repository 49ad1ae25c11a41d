// gemm.cpp: the CPU executor of the matrix products: M == 1 / N == 1 routed to GEMV, the rest
// to the blocked GEMM kernel split into a grid of independent blocks of C (the threading seam).
#include "cpu/exec/gemm.hpp"

#include "cpu/dispatch.hpp"
#include "cpu/exec/scratch.hpp"
#include "cpu/parallel/parallel.hpp"
#include "trueno/threads.hpp"

namespace trueno::cpu::exec {
namespace {

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

// GEMV reads the matrix once, so it is bound by memory bandwidth: rows of A x (gemv_n) or
// columns of A^T x (gemv_t) are split across threads like the other streaming reductions.
template <class T>
void split_gemv_n(const MatrixKernels<T>& kern, std::size_t m, std::size_t n, T alpha, const T* a, std::size_t lda,
                  const T* x, T beta, T* y) {
  parallel::for_items(m, n, parallel::Cost::reduce, [&](std::size_t b, std::size_t e) {
    kern.gemv_n(e - b, n, alpha, a + b * lda, lda, x, beta, y + b);
  });
}

template <class T>
void split_gemv_t(const MatrixKernels<T>& kern, std::size_t m, std::size_t n, T alpha, const T* a, std::size_t lda,
                  const T* x, T beta, T* y) {
  parallel::for_items(n, m, parallel::Cost::reduce,
                      [&](std::size_t b, std::size_t e) { kern.gemv_t(m, e - b, alpha, a + b, lda, x, beta, y + b); });
}

// M == 1 or N == 1: one matrix-vector product that reads the matrix operand once.
template <class T>
void gemv_path(const MatrixKernels<T>& kern, const GemmArgs<T>& g) {
  const std::size_t vec = g.k, out = g.m == 1 ? g.n : g.m;
  ScratchLease lease(ScratchSlot::gemm, (vec + out) * sizeof(T));
  T* xbuf = lease.as<T>();
  T* ybuf = xbuf + vec;
  if (g.m == 1) {  // c row = a row . op(B): the row of C is contiguous
    const T* x = contiguous(g.a.data, g.a.cs, g.k, xbuf);
    if (g.b.cs == 1)
      split_gemv_t(kern, g.k, g.n, g.alpha, g.b.data, static_cast<std::size_t>(g.b.rs), x, g.beta, g.c);
    else
      split_gemv_n(kern, g.n, g.k, g.alpha, g.b.data, static_cast<std::size_t>(g.b.cs), x, g.beta, g.c);
    return;
  }
  // c column = op(A) . b column; a strided column of C goes through ybuf.
  const T* x = contiguous(g.b.data, g.b.rs, g.k, xbuf);
  const bool strided = g.ldc != 1;
  T* y = strided ? ybuf : g.c;
  if (strided && g.beta != T(0))
    for (std::size_t i = 0; i < g.m; ++i) y[i] = g.c[i * g.ldc];
  if (g.a.cs == 1)
    split_gemv_n(kern, g.m, g.k, g.alpha, g.a.data, static_cast<std::size_t>(g.a.rs), x, g.beta, y);
  else
    split_gemv_t(kern, g.k, g.m, g.alpha, g.a.data, static_cast<std::size_t>(g.a.cs), x, g.beta, y);
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
void gemm_grid(const MatrixKernels<T>& kern, const GemmArgs<T>& g, std::size_t threads) {
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
void gemm_blocks(const MatrixKernels<T>& kern, const GemmArgs<T>& g, bool split) {
  const double fmas = static_cast<double>(g.m) * static_cast<double>(g.n) * static_cast<double>(g.k);
  const std::size_t work = fmas / 128.0 > 1e18 ? std::size_t{1} << 60 : static_cast<std::size_t>(fmas / 128.0);
  const std::size_t threads = split ? parallel::threads_for(work, parallel::Cost::compute) : 1;
  if (threads > 1) return gemm_grid(kern, g, threads);
  ScratchLease lease(ScratchSlot::gemm, kern.gemm_scratch(g.m, g.n, g.k) * sizeof(T));
  kern.gemm(g, 0, g.m, 0, g.n, lease.as<T>());
}

// One product.
template <class T>
void run_product(const MatrixKernels<T>& kern, const GemmArgs<T>& g, bool split) {
  if (g.m == 0 || g.n == 0) return;
  if (g.k == 0 || g.alpha == T(0)) return scale_c(g.c, g.ldc, g.m, g.n, g.beta);
  if (g.m == 1 || g.n == 1) return gemv_path(kern, g);
  gemm_blocks(kern, g, split);
}

template <class T>
void batched(const GemmArgs<T>& g, std::size_t batch, std::size_t stride_a, std::size_t stride_b,
             std::size_t stride_c) {
  if (batch == 0 || g.m == 0 || g.n == 0) return;
  const auto& kern = matrix<T>(kernels());
  auto products = [&](std::size_t i0, std::size_t i1, bool split) {
    for (std::size_t i = i0; i < i1; ++i) {
      GemmArgs<T> gi = g;
      gi.a.data += i * stride_a;
      gi.b.data += i * stride_b;
      gi.c += i * stride_c;
      run_product(kern, gi, split);
    }
  };
  // Enough products for every thread: one product per thread at a time, each one block on its
  // thread (not cut into the grid of a split product, run in order there). Fewer: one after
  // another, each split across the threads itself.
  if (batch >= num_threads()) {
    const double fmas = static_cast<double>(g.m) * static_cast<double>(g.n) * static_cast<double>(g.k);
    const std::size_t work = fmas / 128.0 > 1e15 ? std::size_t{1} << 50 : static_cast<std::size_t>(fmas / 128.0);
    parallel::for_items(batch, work, parallel::Cost::compute,
                        [&](std::size_t i0, std::size_t i1) { products(i0, i1, false); });
  } else {
    products(0, batch, true);
  }
}

// y = alpha op(A) x + beta y on its own (matvec / vecmat): nothing to do for an empty y.
template <class T>
void vector_product(Transpose ta, std::size_t m, std::size_t n, T alpha, const T* a, std::size_t lda, const T* x,
                    T beta, T* y) {
  if (ta == Transpose::no) {
    if (m != 0) split_gemv_n(matrix<T>(kernels()), m, n, alpha, a, lda, x, beta, y);
  } else if (n != 0) {
    split_gemv_t(matrix<T>(kernels()), m, n, alpha, a, lda, x, beta, y);
  }
}

}  // namespace

void gemm(const GemmArgs<float>& g) { run_product(matrix<float>(kernels()), g, true); }
void gemm(const GemmArgs<double>& g) { run_product(matrix<double>(kernels()), g, true); }

void batched_gemm(const GemmArgs<float>& g, std::size_t batch, std::size_t sa, std::size_t sb, std::size_t sc) {
  batched(g, batch, sa, sb, sc);
}
void batched_gemm(const GemmArgs<double>& g, std::size_t batch, std::size_t sa, std::size_t sb, std::size_t sc) {
  batched(g, batch, sa, sb, sc);
}

void gemv(Transpose ta, std::size_t m, std::size_t n, float alpha, const float* a, std::size_t lda, const float* x,
          float beta, float* y) {
  vector_product(ta, m, n, alpha, a, lda, x, beta, y);
}
void gemv(Transpose ta, std::size_t m, std::size_t n, double alpha, const double* a, std::size_t lda, const double* x,
          double beta, double* y) {
  vector_product(ta, m, n, alpha, a, lda, x, beta, y);
}

}  // namespace trueno::cpu::exec
