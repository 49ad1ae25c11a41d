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

#include "trueno/vector.hpp"

namespace trueno {

// ---- binary: out[i] = a[i] (op) b[i] -------------------------------------------------------
Vector<float> add(std::span<const float> a, std::span<const float> b);
Vector<double> add(std::span<const double> a, std::span<const double> b);
void add(std::span<const float> a, std::span<const float> b, std::span<float> out);
void add(std::span<const double> a, std::span<const double> b, std::span<double> out);

Vector<float> sub(std::span<const float> a, std::span<const float> b);
Vector<double> sub(std::span<const double> a, std::span<const double> b);
void sub(std::span<const float> a, std::span<const float> b, std::span<float> out);
void sub(std::span<const double> a, std::span<const double> b, std::span<double> out);

Vector<float> mul(std::span<const float> a, std::span<const float> b);
Vector<double> mul(std::span<const double> a, std::span<const double> b);
void mul(std::span<const float> a, std::span<const float> b, std::span<float> out);
void mul(std::span<const double> a, std::span<const double> b, std::span<double> out);

Vector<float> div(std::span<const float> a, std::span<const float> b);
Vector<double> div(std::span<const double> a, std::span<const double> b);
void div(std::span<const float> a, std::span<const float> b, std::span<float> out);
void div(std::span<const double> a, std::span<const double> b, std::span<double> out);

/// NaN-propagating element-wise minimum (numpy.minimum).
Vector<float> minimum(std::span<const float> a, std::span<const float> b);
Vector<double> minimum(std::span<const double> a, std::span<const double> b);
void minimum(std::span<const float> a, std::span<const float> b, std::span<float> out);
void minimum(std::span<const double> a, std::span<const double> b, std::span<double> out);

/// NaN-propagating element-wise maximum (numpy.maximum).
Vector<float> maximum(std::span<const float> a, std::span<const float> b);
Vector<double> maximum(std::span<const double> a, std::span<const double> b);
void maximum(std::span<const float> a, std::span<const float> b, std::span<float> out);
void maximum(std::span<const double> a, std::span<const double> b, std::span<double> out);

/// Magnitude of a with the sign bit of b (NaN's sign bit included), exact.
Vector<float> copysign(std::span<const float> a, std::span<const float> b);
Vector<double> copysign(std::span<const double> a, std::span<const double> b);
void copysign(std::span<const float> a, std::span<const float> b, std::span<float> out);
void copysign(std::span<const double> a, std::span<const double> b, std::span<double> out);

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

/// out[i] = a[i] * b[i] + c[i] with a single rounding (fused) on every backend (the sse2
/// backend computes float in double precision, <= 1 ULP from the fused result in rare ties).
Vector<float> fma(std::span<const float> a, std::span<const float> b, std::span<const float> c);
Vector<double> fma(std::span<const double> a, std::span<const double> b, std::span<const double> c);
void fma(std::span<const float> a, std::span<const float> b, std::span<const float> c, std::span<float> out);
void fma(std::span<const double> a, std::span<const double> b, std::span<const double> c, std::span<double> out);

// ---- unary ---------------------------------------------------------------------------------
/// |x| (clears the sign bit, so abs(-0) = +0 and abs(-NaN) = NaN).
Vector<float> abs(std::span<const float> x);
Vector<double> abs(std::span<const double> x);
void abs(std::span<const float> x, std::span<float> out);
void abs(std::span<const double> x, std::span<double> out);

/// -x (flips the sign bit).
Vector<float> neg(std::span<const float> x);
Vector<double> neg(std::span<const double> x);
void neg(std::span<const float> x, std::span<float> out);
void neg(std::span<const double> x, std::span<double> out);

/// Correctly rounded square root; sqrt(-0) = -0, sqrt(x < 0) = NaN.
Vector<float> sqrt(std::span<const float> x);
Vector<double> sqrt(std::span<const double> x);
void sqrt(std::span<const float> x, std::span<float> out);
void sqrt(std::span<const double> x, std::span<double> out);

/// 1 / x, correctly rounded (a true division, not an approximate reciprocal).
Vector<float> recip(std::span<const float> x);
Vector<double> recip(std::span<const double> x);
void recip(std::span<const float> x, std::span<float> out);
void recip(std::span<const double> x, std::span<double> out);

/// Rounding to integral values, exact; keep the sign of zero, +-inf and NaN as they are.
/// round() is half to even like numpy.round / numpy.rint (round(2.5) = 2, round(-0.5) = -0).
Vector<float> floor(std::span<const float> x);
Vector<double> floor(std::span<const double> x);
void floor(std::span<const float> x, std::span<float> out);
void floor(std::span<const double> x, std::span<double> out);

Vector<float> ceil(std::span<const float> x);
Vector<double> ceil(std::span<const double> x);
void ceil(std::span<const float> x, std::span<float> out);
void ceil(std::span<const double> x, std::span<double> out);

Vector<float> round(std::span<const float> x);
Vector<double> round(std::span<const double> x);
void round(std::span<const float> x, std::span<float> out);
void round(std::span<const double> x, std::span<double> out);

Vector<float> trunc(std::span<const float> x);
Vector<double> trunc(std::span<const double> x);
void trunc(std::span<const float> x, std::span<float> out);
void trunc(std::span<const double> x, std::span<double> out);

/// x - trunc(x) (torch.frac): keeps the sign of x; fract(+-inf) = NaN.
Vector<float> fract(std::span<const float> x);
Vector<double> fract(std::span<const double> x);
void fract(std::span<const float> x, std::span<float> out);
void fract(std::span<const double> x, std::span<double> out);

/// -1 for x < 0, +1 for x > 0, x itself for +-0 and NaN (numpy.sign).
Vector<float> signum(std::span<const float> x);
Vector<double> signum(std::span<const double> x);
void signum(std::span<const float> x, std::span<float> out);
void signum(std::span<const double> x, std::span<double> out);

}  // namespace trueno
