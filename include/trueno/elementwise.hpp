// trueno/elementwise.hpp: element-wise operations on float and double arrays.
//
// Every operation comes in two forms:
//   * allocating: returns a new Vector (exactly one allocation: the result, moved out);
//   * span form:  writes into `out` (no allocation). `out` may be the very same memory as an
//                 input (in-place), but must not partially overlap one (InvalidArgument).
// Errors: SizeMismatch when operand or output lengths differ, naming the op and the sizes.
// Accuracy: results are the correctly rounded IEEE result (exact ops) unless stated.
// NaN: propagates (a NaN operand gives NaN), as in NumPy.
#pragma once

#include <span>

#include "trueno/array_view.hpp"
#include "trueno/op_list.hpp"
#include "trueno/vector.hpp"

namespace trueno {

// ---- the listed ops (trueno/op_list.hpp): add sub mul div minimum maximum copysign, and
// abs neg sqrt recip floor ceil round trunc fract signum; four forms each.
TRUENO_BINARY_OPS(TRUENO_DECLARE_BINARY)
TRUENO_ELEMENTWISE_UNARY_OPS(TRUENO_DECLARE_UNARY)

// ---- with scalar parameters ----------------------------------------------------------------
/// out[i] = x[i] * s.
Vector<float> scale(std::span<const float> x, float s);
Vector<double> scale(std::span<const double> x, double s);
void scale(std::span<const float> x, float s, std::span<float> out);
void scale(std::span<const double> x, double s, std::span<double> out);

/// out[i] = min(max(x[i], lo), hi); NaN elements stay NaN. InvalidArgument if lo > hi or a
/// bound is NaN. (numpy.clip)
Vector<float> clamp(std::span<const float> x, float lo, float hi);
Vector<double> clamp(std::span<const double> x, double lo, double hi);
void clamp(std::span<const float> x, float lo, float hi, std::span<float> out);
void clamp(std::span<const double> x, double lo, double hi, std::span<double> out);
/// With array bounds over N-d views (numpy.clip(x, lo, hi)): minimum(maximum(x, lo), hi)
/// element-wise, so hi wins where lo > hi and a NaN anywhere gives NaN; x, lo and hi broadcast
/// to out's shape; out is the very same view as an input or disjoint from every input.
void clamp(ArrayView<const float> x, ArrayView<const float> lo, ArrayView<const float> hi, ArrayView<float> out);
void clamp(ArrayView<const double> x, ArrayView<const double> lo, ArrayView<const double> hi, ArrayView<double> out);
/// Alias of clamp.
void clip(ArrayView<const float> x, ArrayView<const float> lo, ArrayView<const float> hi, ArrayView<float> out);
void clip(ArrayView<const double> x, ArrayView<const double> lo, ArrayView<const double> hi, ArrayView<double> out);
/// Alias of clamp.
Vector<float> clip(std::span<const float> x, float lo, float hi);
Vector<double> clip(std::span<const double> x, double lo, double hi);
void clip(std::span<const float> x, float lo, float hi, std::span<float> out);
void clip(std::span<const double> x, double lo, double hi, std::span<double> out);

/// out[i] = a[i] + t * (b[i] - a[i]) (torch.lerp with a scalar weight). Exact at t = 0 and
/// t = 1: for t < 0.5 computed from a, otherwise as b - (b - a) * (1 - t).
Vector<float> lerp(std::span<const float> a, std::span<const float> b, float t);
Vector<double> lerp(std::span<const double> a, std::span<const double> b, double t);
void lerp(std::span<const float> a, std::span<const float> b, float t, std::span<float> out);
void lerp(std::span<const double> a, std::span<const double> b, double t, std::span<double> out);
/// Over N-d views: a and b broadcast to out's shape (as the listed ops' N-d forms).
void lerp(ArrayView<const float> a, ArrayView<const float> b, float t, ArrayView<float> out);
void lerp(ArrayView<const double> a, ArrayView<const double> b, double t, ArrayView<double> out);

/// out[i] = a[i] * b[i] + c[i] with a single rounding (fused) on every backend (the sse2
/// backend computes float in double precision, <= 1 ULP from the fused result in rare ties).
Vector<float> fma(std::span<const float> a, std::span<const float> b, std::span<const float> c);
Vector<double> fma(std::span<const double> a, std::span<const double> b, std::span<const double> c);
void fma(std::span<const float> a, std::span<const float> b, std::span<const float> c, std::span<float> out);
void fma(std::span<const double> a, std::span<const double> b, std::span<const double> c, std::span<double> out);
/// Over N-d views: a, b and c broadcast to out's shape (as the listed ops' N-d forms).
void fma(ArrayView<const float> a, ArrayView<const float> b, ArrayView<const float> c, ArrayView<float> out);
void fma(ArrayView<const double> a, ArrayView<const double> b, ArrayView<const double> c, ArrayView<double> out);

}  // namespace trueno
