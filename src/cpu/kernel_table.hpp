// kernel_table.hpp: the table of kernel function pointers each ISA translation unit exports.
//
// Kernels assume valid input (front-ends in src/core validate): lengths agree, pointers are
// valid for n elements (any alignment), an output is either identical to an input or does not
// overlap it. One table per backend; the front-end fetches it once per call.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/operands.hpp"
#include "trueno/backend.hpp"
#include "trueno/op_list.hpp"

namespace trueno::cpu {

__extension__ using Int128 = __int128;

/// The ops of trueno/op_list.hpp, indexed by UnaryOp / BinaryOp; filled from the lists by
/// make_listed() (kernels/table.inl), so an op added to a list needs no line here.
template <class T>
struct ListedKernels {
  using Unary = void (*)(const T* x, T* out, std::size_t n);
  using Binary = void (*)(const T* a, const T* b, T* out, std::size_t n);
  Unary unary[kUnaryOpCount];
  Binary binary[kBinaryOpCount];
  Unary operator[](UnaryOp op) const { return unary[static_cast<std::size_t>(op)]; }
  Binary operator[](BinaryOp op) const { return binary[static_cast<std::size_t>(op)]; }
};

/// Element-wise ops with scalar parameters or three operands.
template <class T>
struct ElementwiseKernels {
  void (*scale)(const T* x, T s, T* out, std::size_t n);
  void (*clamp)(const T* x, T lo, T hi, T* out, std::size_t n);
  /// out = a + t (b - a) when from_a, else b - (1 - t)(b - a); the caller picks by t.
  void (*lerp)(const T* a, const T* b, T t, bool from_a, T* out, std::size_t n);
  void (*fma)(const T* a, const T* b, const T* c, T* out, std::size_t n);
  /// out = (x - shift) * factor, evaluated in double precision and rounded once to T.
  void (*affine)(const T* x, double shift, double factor, T* out, std::size_t n);
};

/// Reductions of float/double. Sums are returned in double (float inputs are accumulated in
/// double; double inputs pairwise over SIMD lanes). min/max return NaN if any element is NaN.
template <class T>
struct FloatReduceKernels {
  double (*sum)(const T* x, std::size_t n);
  /// Every term widened to double before it is added (dtype=float64 sums of float input).
  double (*sum_wide)(const T* x, std::size_t n);
  double (*sum_abs)(const T* x, std::size_t n);
  double (*sum_sq)(const T* x, std::size_t n);
  double (*dot)(const T* a, const T* b, std::size_t n);
  /// sum ((x - c) * factor)^2 with c = T(center): the center is rounded to T so that the
  /// front-end can correct for it exactly (see statistics.cpp).
  double (*sum_sq_dev)(const T* x, std::size_t n, double center, double factor);
  /// sum (a - ca)(b - cb) with ca = T(center_a), cb = T(center_b).
  double (*sum_prod_dev)(const T* a, const T* b, std::size_t n, double center_a, double center_b);
  /// Mean and M2 = sum (x - mean)^2 in one pass over memory (each block of the data is read
  /// twice while it is in L1; blocks are combined with Chan's update). n >= 1.
  void (*moments)(const T* x, std::size_t n, double* mean, double* m2);
  T (*min)(const T* x, std::size_t n);  // n >= 1
  T (*max)(const T* x, std::size_t n);
  T (*max_abs)(const T* x, std::size_t n);  // 0 for n = 0
  /// Index of the first NaN if any, else of the first minimum / maximum. n >= 1.
  std::size_t (*argmin)(const T* x, std::size_t n);
  std::size_t (*argmax)(const T* x, std::size_t n);
};

/// Integer aggregations; sums and dots are exact for n <= kIntChunk (the front-end splits).
template <class T>
struct IntReduceKernels {
  static constexpr std::size_t kIntChunk = std::size_t{1} << 30;
  Int128 (*sum)(const T* x, std::size_t n);
  Int128 (*dot)(const T* a, const T* b, std::size_t n);
  T (*min)(const T* x, std::size_t n);  // n >= 1
  T (*max)(const T* x, std::size_t n);
  std::size_t (*argmin)(const T* x, std::size_t n);
  std::size_t (*argmax)(const T* x, std::size_t n);
};

/// Math functions with a parameter (the listed ones are in ListedKernels).
template <class T>
struct MathKernels {
  void (*pow)(const T* x, T y, T* out, std::size_t n);  // x^y, scalar y
};

/// Activations (activations.inl). elu_family: scale * (x > 0 ? x : alpha * expm1(x / alpha_div))
/// covers elu (alpha_div = 1, scale = 1), celu (alpha_div = alpha) and selu.
template <class T>
struct ActivationKernels {
  using Unary = void (*)(const T* x, T* out, std::size_t n);
  Unary gelu_tanh, gelu_erf;  // gelu(x, approximate)
  void (*leaky_relu)(const T* x, T slope, T* out, std::size_t n);
  void (*elu_family)(const T* x, T alpha, T alpha_div, T scale, T* out, std::size_t n);
  void (*softplus)(const T* x, T beta, T threshold, T* out, std::size_t n);
};

/// Column accumulators of the axis reductions (columns.inl): one row of n elements folded into
/// n per-column accumulators. Sums in double (double rows: s plus the TwoSum compensation c;
/// float rows: c unused); extremes in T, a NaN sticking.
template <class T>
struct ColumnKernels {
  void (*sum)(const T* row, double* s, double* c, std::size_t n);
  void (*sum_abs)(const T* row, double* s, std::size_t n);
  void (*sum_sq)(const T* row, double* s, std::size_t n);
  /// s += (row - center)^2, a center per column.
  void (*sq_dev)(const T* row, const double* center, double* s, std::size_t n);
  void (*min)(const T* row, T* m, std::size_t n);
  void (*max)(const T* row, T* m, std::size_t n);
  void (*max_abs)(const T* row, T* m, std::size_t n);
};

/// Kernels over one contiguous row of n >= 1 elements (rows.inl); gamma / beta may be null.
template <class T>
struct RowKernels {
  void (*softmax)(const T* x, T* out, std::size_t n);
  void (*log_softmax)(const T* x, T* out, std::size_t n);
  void (*layer_norm)(const T* x, const T* gamma, const T* beta, double eps, T* out, std::size_t n);
  void (*rms_norm)(const T* x, const T* gamma, double eps, T* out, std::size_t n);
};

/// Matrix kernels. Dense operands are row-major with a row stride (ld*) >= their columns.
template <class T>
struct MatrixKernels {
  /// Elements of 64-byte aligned scratch that gemm needs for a block of C of m x n with depth k.
  std::size_t (*gemm_scratch)(std::size_t m, std::size_t n, std::size_t k);
  /// The block C[i0:i1, j0:j1] of the product (k >= 1); independent blocks may run on
  /// different threads, each with its own scratch.
  void (*gemm)(const GemmArgs<T>& g, std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1, T* scratch);
  /// Rows of an A micro-panel and columns of a B panel: the threaded product splits C into
  /// blocks of whole panels.
  std::size_t gemm_mr, gemm_nr;
  /// y = alpha * A x + beta * y: A m x n (row stride lda), x n and y m contiguous.
  void (*gemv_n)(std::size_t m, std::size_t n, T alpha, const T* a, std::size_t lda, const T* x, T beta, T* y);
  /// y = alpha * A^T x + beta * y: A m x n (row stride lda), x m and y n contiguous.
  void (*gemv_t)(std::size_t m, std::size_t n, T alpha, const T* a, std::size_t lda, const T* x, T beta, T* y);
  /// A += x1 y1^T (+ x2 y2^T when x2 != nullptr): A m x n with row stride lda.
  void (*ger2)(std::size_t m, std::size_t n, const T* x1, const T* y1, const T* x2, const T* y2, T* a, std::size_t lda);
  /// dst = src^T: src rows x cols (row stride lds), dst cols x rows (row stride ldd), disjoint.
  void (*transpose)(const T* src, std::size_t lds, std::size_t rows, std::size_t cols, T* dst, std::size_t ldd);
  /// out[i, j] = sum_{p < kh, q < kw} img[i + p, j + q] * ker(p, q), out oh x ow (row stride ldo).
  void (*correlate2d)(const T* img, std::size_t ldi, MatRef<T> ker, std::size_t kh, std::size_t kw, T* out,
                      std::size_t ldo, std::size_t oh, std::size_t ow);
  /// Chains of plane rotations on consecutive rows of a (row stride lda, n columns), applied in
  /// order. Chain q is chains[3q .. 3q+2] = (first, last, offset): for i = last - 1 down to first,
  /// rows (i, i + 1) <- (c x - s y, s x + c y) with x = row i, y = row i + 1 as updated by the
  /// step before, (c, s) = (c[offset + i - first], s[offset + i - first]).
  void (*rot_chains)(T* a, std::size_t lda, std::size_t n, const std::size_t* chains, std::size_t count, const T* c,
                     const T* s);
};

struct KernelTable {
  Backend backend;
  ListedKernels<float> listed_f32;
  ListedKernels<double> listed_f64;
  ElementwiseKernels<float> ew_f32;
  ElementwiseKernels<double> ew_f64;
  FloatReduceKernels<float> red_f32;
  FloatReduceKernels<double> red_f64;
  IntReduceKernels<std::int32_t> red_i32;
  IntReduceKernels<std::int64_t> red_i64;
  ColumnKernels<float> col_f32;
  ColumnKernels<double> col_f64;
  MathKernels<float> math_f32;
  MathKernels<double> math_f64;
  ActivationKernels<float> act_f32;
  ActivationKernels<double> act_f64;
  RowKernels<float> rows_f32;
  RowKernels<double> rows_f64;
  MatrixKernels<float> mat_f32;
  MatrixKernels<double> mat_f64;
};

// Typed access for the executors: elementwise<float>(table) etc. (float or int32 members for
// 4-byte T, double or int64 ones for 8-byte T).
template <class T, class M4, class M8>
constexpr const auto& by_size(const M4& m4, const M8& m8) {
  if constexpr (sizeof(T) == 4)
    return m4;
  else
    return m8;
}
template <class T>
const ListedKernels<T>& listed(const KernelTable& t) {
  return by_size<T>(t.listed_f32, t.listed_f64);
}
template <class T>
const ElementwiseKernels<T>& elementwise(const KernelTable& t) {
  return by_size<T>(t.ew_f32, t.ew_f64);
}
template <class T>
const FloatReduceKernels<T>& float_reduce(const KernelTable& t) {
  return by_size<T>(t.red_f32, t.red_f64);
}
template <class T>
const IntReduceKernels<T>& int_reduce(const KernelTable& t) {
  return by_size<T>(t.red_i32, t.red_i64);
}
template <class T>
const ColumnKernels<T>& columns(const KernelTable& t) {
  return by_size<T>(t.col_f32, t.col_f64);
}
template <class T>
const MathKernels<T>& math(const KernelTable& t) {
  return by_size<T>(t.math_f32, t.math_f64);
}
template <class T>
const ActivationKernels<T>& activations(const KernelTable& t) {
  return by_size<T>(t.act_f32, t.act_f64);
}
template <class T>
const RowKernels<T>& rows(const KernelTable& t) {
  return by_size<T>(t.rows_f32, t.rows_f64);
}
template <class T>
const MatrixKernels<T>& matrix(const KernelTable& t) {
  return by_size<T>(t.mat_f32, t.mat_f64);
}

/// Outputs of at least this many bytes are written with non-temporal stores: 3/4 of the
/// last-level cache's share per hardware thread, the rule glibc's memcpy uses. Computed once.
std::size_t stream_threshold_bytes() noexcept;
/// For tests: force a threshold (0 streams everything); SIZE_MAX disables; restore with
/// reset_stream_threshold().
void set_stream_threshold_bytes(std::size_t bytes) noexcept;
void reset_stream_threshold() noexcept;

// The table each compiled ISA unit exports (nullptr where not compiled: see dispatch.cpp).
const KernelTable* scalar_table();
const KernelTable* sse2_table();
const KernelTable* avx2_table();
const KernelTable* avx512_table();
const KernelTable* neon_table();

}  // namespace trueno::cpu
