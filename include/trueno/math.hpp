// trueno/math.hpp: element-wise math functions (exp/log families, hyperbolic, ...) on float
// and double arrays.
//
// Every function comes in two forms, as in elementwise.hpp: an allocating one returning a new
// Vector (one allocation), and a span form writing into `out` (no allocation; `out` may be the
// very same memory as `x`, but must not partially overlap it: InvalidArgument). SizeMismatch
// when out.size() != x.size().
// Accuracy: the bound quoted per function is the maximum distance in ULP from the correctly
// rounded result, on every backend: proven over all 2^32 float inputs by the exhaustive test,
// checked on random double inputs (docs/accuracy.md has the measured table).
// NaN in gives NaN out; +-0, +-inf, overflow and underflow follow the C library.
#pragma once

#include <span>

#include "trueno/vector.hpp"

namespace trueno {

/// e^x. exp(-inf) = +0, exp(+inf) = inf; overflows to inf above 88.72 (f32) / 709.78 (f64), denormal results correctly
/// rounded. <= 1 ULP.
Vector<float> exp(std::span<const float> x);
Vector<double> exp(std::span<const double> x);
void exp(std::span<const float> x, std::span<float> out);
void exp(std::span<const double> x, std::span<double> out);

/// 2^x. <= 1 ULP; exp2(-inf) = +0.
Vector<float> exp2(std::span<const float> x);
Vector<double> exp2(std::span<const double> x);
void exp2(std::span<const float> x, std::span<float> out);
void exp2(std::span<const double> x, std::span<double> out);

/// e^x - 1, accurate near 0 (expm1(-0) = -0). <= 2 ULP.
Vector<float> expm1(std::span<const float> x);
Vector<double> expm1(std::span<const double> x);
void expm1(std::span<const float> x, std::span<float> out);
void expm1(std::span<const double> x, std::span<double> out);

/// Natural logarithm. ln(+-0) = -inf, ln(x < 0) = NaN, ln(inf) = inf. <= 1 ULP.
Vector<float> ln(std::span<const float> x);
Vector<double> ln(std::span<const double> x);
void ln(std::span<const float> x, std::span<float> out);
void ln(std::span<const double> x, std::span<double> out);

/// Alias of ln (numpy.log).
Vector<float> log(std::span<const float> x);
Vector<double> log(std::span<const double> x);
void log(std::span<const float> x, std::span<float> out);
void log(std::span<const double> x, std::span<double> out);

/// Base-2 logarithm, exact at powers of two. <= 1 ULP.
Vector<float> log2(std::span<const float> x);
Vector<double> log2(std::span<const double> x);
void log2(std::span<const float> x, std::span<float> out);
void log2(std::span<const double> x, std::span<double> out);

/// Base-10 logarithm. <= 2 ULP.
Vector<float> log10(std::span<const float> x);
Vector<double> log10(std::span<const double> x);
void log10(std::span<const float> x, std::span<float> out);
void log10(std::span<const double> x, std::span<double> out);

/// log(1 + x), accurate near 0 (log1p(-0) = -0); log1p(-1) = -inf. <= 2 ULP.
Vector<float> log1p(std::span<const float> x);
Vector<double> log1p(std::span<const double> x);
void log1p(std::span<const float> x, std::span<float> out);
void log1p(std::span<const double> x, std::span<double> out);

/// Hyperbolic tangent; tanh(+-inf) = +-1, tanh(-0) = -0. <= 2 ULP.
Vector<float> tanh(std::span<const float> x);
Vector<double> tanh(std::span<const double> x);
void tanh(std::span<const float> x, std::span<float> out);
void tanh(std::span<const double> x, std::span<double> out);

/// Error function; erf(+-inf) = +-1, erf(-0) = -0. <= 2 ULP.
Vector<float> erf(std::span<const float> x);
Vector<double> erf(std::span<const double> x);
void erf(std::span<const float> x, std::span<float> out);
void erf(std::span<const double> x, std::span<double> out);

/// Sine (radians). <= 1 ULP; argument reduction exact for every finite x (Cody-Waite below 2^17 pi/2, Payne-Hanek
/// beyond); sin(+-inf) = NaN, sin(-0) = -0.
Vector<float> sin(std::span<const float> x);
Vector<double> sin(std::span<const double> x);
void sin(std::span<const float> x, std::span<float> out);
void sin(std::span<const double> x, std::span<double> out);

/// Cosine (radians). As sin; cos(+-inf) = NaN.
Vector<float> cos(std::span<const float> x);
Vector<double> cos(std::span<const double> x);
void cos(std::span<const float> x, std::span<float> out);
void cos(std::span<const double> x, std::span<double> out);

/// Tangent (radians). <= 2 ULP (f64), <= 1 ULP (f32); tan(+-inf) = NaN.
Vector<float> tan(std::span<const float> x);
Vector<double> tan(std::span<const double> x);
void tan(std::span<const float> x, std::span<float> out);
void tan(std::span<const double> x, std::span<double> out);

/// Arc sine; NaN outside [-1, 1]. <= 2 ULP.
Vector<float> asin(std::span<const float> x);
Vector<double> asin(std::span<const double> x);
void asin(std::span<const float> x, std::span<float> out);
void asin(std::span<const double> x, std::span<double> out);

/// Arc cosine; NaN outside [-1, 1]. <= 2 ULP.
Vector<float> acos(std::span<const float> x);
Vector<double> acos(std::span<const double> x);
void acos(std::span<const float> x, std::span<float> out);
void acos(std::span<const double> x, std::span<double> out);

/// Arc tangent; atan(+-inf) = +-pi/2. <= 2 ULP.
Vector<float> atan(std::span<const float> x);
Vector<double> atan(std::span<const double> x);
void atan(std::span<const float> x, std::span<float> out);
void atan(std::span<const double> x, std::span<double> out);

/// Hyperbolic sine; overflows to +-inf only where the result does. <= 2 ULP.
Vector<float> sinh(std::span<const float> x);
Vector<double> sinh(std::span<const double> x);
void sinh(std::span<const float> x, std::span<float> out);
void sinh(std::span<const double> x, std::span<double> out);

/// Hyperbolic cosine. <= 2 ULP.
Vector<float> cosh(std::span<const float> x);
Vector<double> cosh(std::span<const double> x);
void cosh(std::span<const float> x, std::span<float> out);
void cosh(std::span<const double> x, std::span<double> out);

/// Inverse hyperbolic sine. <= 2 ULP.
Vector<float> asinh(std::span<const float> x);
Vector<double> asinh(std::span<const double> x);
void asinh(std::span<const float> x, std::span<float> out);
void asinh(std::span<const double> x, std::span<double> out);

/// Inverse hyperbolic cosine; NaN below 1. <= 2 ULP.
Vector<float> acosh(std::span<const float> x);
Vector<double> acosh(std::span<const double> x);
void acosh(std::span<const float> x, std::span<float> out);
void acosh(std::span<const double> x, std::span<double> out);

/// Inverse hyperbolic tangent; +-1 -> +-inf, NaN outside [-1, 1]. <= 2 ULP.
Vector<float> atanh(std::span<const float> x);
Vector<double> atanh(std::span<const double> x);
void atanh(std::span<const float> x, std::span<float> out);
void atanh(std::span<const double> x, std::span<double> out);

/// Cube root (of negative x too). <= 1 ULP.
Vector<float> cbrt(std::span<const float> x);
Vector<double> cbrt(std::span<const double> x);
void cbrt(std::span<const float> x, std::span<float> out);
void cbrt(std::span<const double> x, std::span<double> out);

/// x^y for a scalar exponent y, with the C library's special cases (pow(x, 0) = 1 even for NaN x,
/// pow(1, y) = 1 even for NaN y, negative x only for integer y, signed zeros and infinities of
/// odd integer y, y = +-inf by |x| vs 1). <= 2 ULP.
Vector<float> pow(std::span<const float> x, float y);
Vector<double> pow(std::span<const double> x, double y);
void pow(std::span<const float> x, float y, std::span<float> out);
void pow(std::span<const double> x, double y, std::span<double> out);

}  // namespace trueno
