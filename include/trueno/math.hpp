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

/// e^x. exp(-inf) = +0, exp(+inf) = inf; overflows to inf above 88.72 (f32) / 709.78 (f64), denormal results correctly rounded. <= 1 ULP.
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

}  // namespace trueno
