// trueno/op_list.hpp: the lists of the plain element-wise operations, one line per op, and the
// index of every other public op (further down). Every other statement about the plain ops
// derives from these lines: the public declarations
// (elementwise.hpp, math.hpp, activations.hpp), the front-ends, the kernel tables, the Python
// functions and their docstrings, the allocation audit, the accuracy tests and the docs table.
//
// A line is X(name, intensity, ulp_f32, ulp_f64, doc):
//   name       the C++ and Python name; its CPU kernel is k_<name> in the family's kernel file.
//   intensity  light: a few operations per element, bound by memory (threads split it like a
//              copy); heavy: tens of operations (transcendental), threads pay from smaller sizes.
//   ulp_*      the largest distance in ULP from the correctly rounded result on every backend,
//              float32 / float64 (0: exact, or correctly rounded). Proven for float32 over all
//              2^32 inputs (tests/cpu/test_math_exhaustive.cpp), sampled for float64.
//   doc        one sentence for the C++ and Python documentation (the bound is appended).
//
// Why macros: a list has to produce named C++ functions (trueno::exp, four overloads each),
// which only the preprocessor or a code generator can do; a generator would add a build step
// and generated files to keep in sync. The lists are plain data, one op per line, and
// everything that needs only data (names, bounds, docs) reads the constexpr tables below, not
// the macros. Operations with parameters (scale, clamp, pow, leaky_relu, gelu, ...) are
// written out by hand in their family's header; their bounds are in kParamOpBounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

// ---- elementwise.hpp --------------------------------------------------------------------------
// Binary: out[i] = a[i] op b[i]; the same line format.
#define TRUENO_BINARY_OPS(X)                                                       \
  X(add, light, 0, 0, "a + b (numpy.add).")                                        \
  X(sub, light, 0, 0, "a - b (numpy.subtract).")                                   \
  X(mul, light, 0, 0, "a * b (numpy.multiply).")                                   \
  X(div, light, 0, 0, "a / b, IEEE division (numpy.divide).")                      \
  X(minimum, light, 0, 0, "Element-wise minimum; NaN propagates (numpy.minimum).") \
  X(maximum, light, 0, 0, "Element-wise maximum; NaN propagates (numpy.maximum).") \
  X(copysign, light, 0, 0, "Magnitude of a with the sign bit of b, NaN's too (numpy.copysign).")

#define TRUENO_ELEMENTWISE_UNARY_OPS(X)                                                                    \
  X(abs, light, 0, 0, "|x|: clears the sign bit, so abs(-0) = +0 (numpy.abs).")                            \
  X(neg, light, 0, 0, "-x: flips the sign bit (numpy.negative).")                                          \
  X(sqrt, light, 0, 0, "Square root; sqrt(-0) = -0, NaN for x < 0 (numpy.sqrt).")                          \
  X(recip, light, 0, 0, "1 / x, a true division (numpy.reciprocal).")                                      \
  X(floor, light, 0, 0, "Round toward -inf; keeps -0, +-inf and NaN (numpy.floor).")                       \
  X(ceil, light, 0, 0, "Round toward +inf; keeps -0, +-inf and NaN (numpy.ceil).")                         \
  X(round, light, 0, 0, "Round half to even: round(2.5) = 2, round(-0.5) = -0 (numpy.round, numpy.rint).") \
  X(trunc, light, 0, 0, "Round toward zero; keeps -0, +-inf and NaN (numpy.trunc).")                       \
  X(fract, light, 0, 0, "x - trunc(x) with the sign of x; NaN for +-inf (torch.frac).")                    \
  X(signum, light, 0, 0, "-1 for x < 0, +1 for x > 0, +0 for +-0, NaN for NaN (numpy.sign).")

// ---- math.hpp ---------------------------------------------------------------------------------
#define TRUENO_MATH_UNARY_OPS(X)                                                                              \
  X(exp, heavy, 1, 1, "e**x; exp(-inf) = +0, overflows to inf above 88.72 (f32) / 709.78 (f64) (numpy.exp).") \
  X(exp2, heavy, 1, 1, "2**x; exp2(-inf) = +0 (numpy.exp2).")                                                 \
  X(expm1, heavy, 2, 2, "e**x - 1, accurate near 0; expm1(-0) = -0 (numpy.expm1).")                           \
  X(ln, heavy, 1, 1, "Natural logarithm; ln(+-0) = -inf, NaN for x < 0 (numpy.log).")                         \
  X(log2, heavy, 1, 1, "Base-2 logarithm, exact at powers of two (numpy.log2).")                              \
  X(log10, heavy, 2, 2, "Base-10 logarithm (numpy.log10).")                                                   \
  X(log1p, heavy, 2, 2, "log(1 + x), accurate near 0; log1p(-1) = -inf (numpy.log1p).")                       \
  X(tanh, heavy, 2, 2, "Hyperbolic tangent; tanh(+-inf) = +-1 (numpy.tanh).")                                 \
  X(erf, heavy, 2, 2, "Error function; erf(+-inf) = +-1 (math.erf, scipy.special.erf).")                      \
  X(sin, heavy, 1, 1, "Sine in radians, exact argument reduction for every finite x (numpy.sin).")            \
  X(cos, heavy, 1, 1, "Cosine in radians, exact argument reduction for every finite x (numpy.cos).")          \
  X(tan, heavy, 1, 2, "Tangent in radians (numpy.tan).")                                                      \
  X(asin, heavy, 1, 1, "Arc sine; NaN outside [-1, 1] (numpy.arcsin).")                                       \
  X(acos, heavy, 1, 2, "Arc cosine; NaN outside [-1, 1] (numpy.arccos).")                                     \
  X(atan, heavy, 1, 2, "Arc tangent; atan(+-inf) = +-pi/2 (numpy.arctan).")                                   \
  X(sinh, heavy, 1, 2, "Hyperbolic sine; overflows only where the result does (numpy.sinh).")                 \
  X(cosh, heavy, 1, 2, "Hyperbolic cosine (numpy.cosh).")                                                     \
  X(asinh, heavy, 1, 2, "Inverse hyperbolic sine (numpy.arcsinh).")                                           \
  X(acosh, heavy, 1, 2, "Inverse hyperbolic cosine; NaN below 1 (numpy.arccosh).")                            \
  X(atanh, heavy, 1, 2, "Inverse hyperbolic tangent; +-1 -> +-inf, NaN outside [-1, 1] (numpy.arctanh).")     \
  X(cbrt, heavy, 1, 1, "Cube root, of negative x too (numpy.cbrt).")                                          \
  X(rsqrt, heavy, 1, 1, "1 / sqrt(x); rsqrt(+-0) = +-inf, NaN for x < 0 (torch.rsqrt).")

// ---- activations.hpp --------------------------------------------------------------------------
#define TRUENO_ACTIVATION_UNARY_OPS(X)                                                             \
  X(relu, light, 0, 0, "max(x, 0); relu(-0) = +0, NaN stays NaN (torch.relu).")                    \
  X(sigmoid, heavy, 2, 2, "1 / (1 + e**-x); sigmoid(-inf) = 0, sigmoid(inf) = 1 (torch.sigmoid).") \
  X(swish, heavy, 3, 3, "x * sigmoid(x) (SiLU, torch.nn.functional.silu).")                        \
  X(mish, heavy, 5, 5, "x * tanh(softplus(x)) (torch.nn.functional.mish).")                        \
  X(hardswish, light, 2, 2, "x * relu6(x + 3) / 6 (torch.nn.functional.hardswish).")               \
  X(hardsigmoid, light, 2, 2, "relu6(x + 3) / 6 (torch.nn.functional.hardsigmoid).")               \
  X(softsign, light, 1, 1, "x / (1 + |x|); softsign(+-inf) = +-1 (torch.nn.functional.softsign).")

// Other names of listed ops: X(alias, op). Declared in the op's header, bound in Python.
#define TRUENO_MATH_UNARY_ALIASES(X) X(log, ln)
#define TRUENO_ACTIVATION_UNARY_ALIASES(X) X(silu, swish)

// Every unary op above, in one list (the kernel tables and the enum follow its order).
#define TRUENO_UNARY_OPS(X) TRUENO_ELEMENTWISE_UNARY_OPS(X) TRUENO_MATH_UNARY_OPS(X) TRUENO_ACTIVATION_UNARY_OPS(X)

// The six C++ forms of every listed op, expanded in its family's header (trueno/vector.hpp,
// trueno/array_view.hpp and <span> included): an allocating form returning a new Vector (one
// allocation) and a span form writing into `out`, which may be the very same memory as an
// input but must not partially overlap one (InvalidArgument); SizeMismatch when the lengths
// differ. The N-d form over ArrayViews: the inputs broadcast to out's shape (NumPy's rules; a
// 0-d view is a scalar), any strides; out may be the very same view as an input, or disjoint
// from every input (InvalidArgument otherwise, a broadcast out too); SizeMismatch when an input
// does not broadcast to out's shape.
#define TRUENO_DECLARE_UNARY(name, ...)                        \
  Vector<float> name(std::span<const float> x);                \
  Vector<double> name(std::span<const double> x);              \
  void name(std::span<const float> x, std::span<float> out);   \
  void name(std::span<const double> x, std::span<double> out); \
  void name(ArrayView<const float> x, ArrayView<float> out);   \
  void name(ArrayView<const double> x, ArrayView<double> out);
#define TRUENO_DECLARE_BINARY(name, ...)                                                  \
  Vector<float> name(std::span<const float> a, std::span<const float> b);                 \
  Vector<double> name(std::span<const double> a, std::span<const double> b);              \
  void name(std::span<const float> a, std::span<const float> b, std::span<float> out);    \
  void name(std::span<const double> a, std::span<const double> b, std::span<double> out); \
  void name(ArrayView<const float> a, ArrayView<const float> b, ArrayView<float> out);    \
  void name(ArrayView<const double> a, ArrayView<const double> b, ArrayView<double> out);
#define TRUENO_DECLARE_ALIAS(alias, op) TRUENO_DECLARE_UNARY(alias)

// ---- the other families ----------------------------------------------------------------------
// Ops with parameters, several operands of different shapes or a number as the result. Their
// signatures differ too much for one declaring macro, so each is written out in its family's
// header; this index names every one of them, as data, so that the allocation audit, the Python
// tests and the docs know every public op without reading headers. A public op that is in no
// list fails python/tests/test_errors.py (every op has a Python binding unless py is 0 here).
// A line is X(name, arrays, ints, forms, py):
//   arrays  the number of array operands;
//   ints    1 when int32 and int64 inputs are accepted too (exact integer results);
//   forms   number: returns a scalar (allocates nothing); array: an allocating form returning a
//           new array and a form writing into the caller's memory; out: only the latter;
//           object: only the former;
//   py      1 when Python has a function of this name.
#define TRUENO_REDUCTION_OPS(X) \
  X(sum, 1, 1, number, 1)       \
  X(mean, 1, 1, number, 1)      \
  X(min, 1, 1, number, 1)       \
  X(max, 1, 1, number, 1)       \
  X(argmin, 1, 1, number, 1)    \
  X(argmax, 1, 1, number, 1)    \
  X(dot, 2, 1, number, 1)       \
  X(norm_l1, 1, 0, number, 1)   \
  X(norm_l2, 1, 0, number, 1)   \
  X(norm_linf, 1, 0, number, 1) \
  X(sum_of_squares, 1, 0, number, 1)
#define TRUENO_STATISTICS_OPS(X)  \
  X(variance, 1, 0, number, 1)    \
  X(stddev, 1, 0, number, 1)      \
  X(covariance, 2, 0, number, 1)  \
  X(correlation, 2, 0, number, 1) \
  X(normalize, 1, 0, array, 1)    \
  X(zscore, 1, 0, array, 1)       \
  X(minmax_normalize, 1, 0, array, 1)
// Element-wise with parameters (elementwise.hpp, math.hpp, activations.hpp).
#define TRUENO_PARAM_OPS(X)     \
  X(scale, 1, 0, array, 1)      \
  X(clamp, 1, 0, array, 1)      \
  X(clip, 1, 0, array, 1)       \
  X(lerp, 2, 0, array, 1)       \
  X(fma, 3, 0, array, 1)        \
  X(pow, 1, 0, array, 1)        \
  X(leaky_relu, 1, 0, array, 1) \
  X(elu, 1, 0, array, 1)        \
  X(celu, 1, 0, array, 1)       \
  X(selu, 1, 0, array, 1)       \
  X(softplus, 1, 0, array, 1)   \
  X(gelu, 1, 0, array, 1)
// Row-wise (activations.hpp): one row or rows x cols.
#define TRUENO_ROW_OPS(X)        \
  X(softmax, 1, 0, array, 1)     \
  X(log_softmax, 1, 0, array, 1) \
  X(layer_norm, 1, 0, array, 1)  \
  X(rms_norm, 1, 0, array, 1)
// Matrices (linalg.hpp, matrix.hpp). Python's matmul covers the batched products.
#define TRUENO_MATRIX_OPS(X)           \
  X(matmul, 2, 0, array, 1)            \
  X(gemm, 2, 0, out, 0)                \
  X(matvec, 2, 0, array, 1)            \
  X(vecmat, 2, 0, array, 1)            \
  X(transpose, 1, 0, array, 1)         \
  X(batched_matmul, 2, 0, array, 0)    \
  X(batched_matmul_4d, 2, 0, array, 0) \
  X(convolve2d, 2, 0, array, 1)        \
  X(correlate2d, 2, 0, array, 0)       \
  X(symmetric_eigen, 1, 0, object, 1)

namespace trueno {

/// The listed ops as values: the device executors are called with these.
enum class UnaryOp : std::uint8_t {
#define TRUENO_X(name, ...) name,
  TRUENO_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
};
enum class BinaryOp : std::uint8_t {
#define TRUENO_X(name, ...) name,
  TRUENO_BINARY_OPS(TRUENO_X)
#undef TRUENO_X
};

enum class OpFamily : std::uint8_t { elementwise, math, activation };
enum class Intensity : std::uint8_t { light, heavy };

/// One listed op as data.
struct OpInfo {
  std::string_view name;
  OpFamily family;
  Intensity intensity;
  std::uint32_t ulp_f32, ulp_f64;
  std::string_view doc;
};

// clang-format off
inline constexpr OpInfo kUnaryOps[] = {
#define TRUENO_X(name, intensity, u32, u64, doc) {#name, OpFamily::elementwise, Intensity::intensity, u32, u64, doc},
    TRUENO_ELEMENTWISE_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, intensity, u32, u64, doc) {#name, OpFamily::math, Intensity::intensity, u32, u64, doc},
    TRUENO_MATH_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, intensity, u32, u64, doc) {#name, OpFamily::activation, Intensity::intensity, u32, u64, doc},
    TRUENO_ACTIVATION_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
};
inline constexpr OpInfo kBinaryOps[] = {
#define TRUENO_X(name, intensity, u32, u64, doc) {#name, OpFamily::elementwise, Intensity::intensity, u32, u64, doc},
    TRUENO_BINARY_OPS(TRUENO_X)
#undef TRUENO_X
};
// clang-format on
inline constexpr std::size_t kUnaryOpCount = sizeof(kUnaryOps) / sizeof(kUnaryOps[0]);
inline constexpr std::size_t kBinaryOpCount = sizeof(kBinaryOps) / sizeof(kBinaryOps[0]);

constexpr const OpInfo& info(UnaryOp op) { return kUnaryOps[static_cast<std::size_t>(op)]; }
constexpr const OpInfo& info(BinaryOp op) { return kBinaryOps[static_cast<std::size_t>(op)]; }

enum class OpForms : std::uint8_t { number, array, out, object };

/// One op of the other families as data (the index above).
struct OtherOpInfo {
  std::string_view name, family;
  std::uint8_t arrays;
  bool ints;
  OpForms forms;
  bool py;
};

// clang-format off
inline constexpr OtherOpInfo kOtherOps[] = {
#define TRUENO_X(name, arrays, ints, forms, py) {#name, "reductions", arrays, (ints) != 0, OpForms::forms, (py) != 0},
    TRUENO_REDUCTION_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, arrays, ints, forms, py) {#name, "statistics", arrays, (ints) != 0, OpForms::forms, (py) != 0},
    TRUENO_STATISTICS_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, arrays, ints, forms, py) {#name, "param", arrays, (ints) != 0, OpForms::forms, (py) != 0},
    TRUENO_PARAM_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, arrays, ints, forms, py) {#name, "rows", arrays, (ints) != 0, OpForms::forms, (py) != 0},
    TRUENO_ROW_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, arrays, ints, forms, py) {#name, "matrix", arrays, (ints) != 0, OpForms::forms, (py) != 0},
    TRUENO_MATRIX_OPS(TRUENO_X)
#undef TRUENO_X
};
// clang-format on

/// The bounds of the functions with parameters, whose declarations are written by hand: the
/// same meaning as ulp_* above, for the parameters the tests use (docs/accuracy.md).
struct OpBound {
  std::string_view name;
  std::uint32_t ulp_f32, ulp_f64;
};
inline constexpr OpBound kParamOpBounds[] = {
    {"pow", 1, 2}, {"gelu", 6, 6}, {"gelu_tanh", 4, 4}, {"softplus", 3, 3},
    {"elu", 2, 2}, {"celu", 3, 3}, {"selu", 3, 3},      {"leaky_relu", 0, 1},
};

/// The bound of a function by name: a listed op, an alias (log, silu) or kParamOpBounds; an
/// OpBound with an empty name when the function has none.
constexpr OpBound bound_of(std::string_view name) {
  for (const OpInfo& i : kUnaryOps)
    if (i.name == name) return {i.name, i.ulp_f32, i.ulp_f64};
  for (const OpInfo& i : kBinaryOps)
    if (i.name == name) return {i.name, i.ulp_f32, i.ulp_f64};
#define TRUENO_X(alias, op) \
  if (name == #alias) return bound_of(#op);
  TRUENO_MATH_UNARY_ALIASES(TRUENO_X)
  TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_X)
#undef TRUENO_X
  for (const OpBound& b : kParamOpBounds)
    if (b.name == name) return b;
  return {};
}

}  // namespace trueno
