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

#include "trueno/array_view.hpp"
#include "trueno/op_list.hpp"
#include "trueno/vector.hpp"

namespace trueno {

// The listed ops (trueno/op_list.hpp, with their bounds): exp exp2 expm1 ln log2 log10 log1p
// tanh erf sin cos tan asin acos atan sinh cosh asinh acosh atanh cbrt, and log (alias of ln).
TRUENO_MATH_UNARY_OPS(TRUENO_DECLARE_UNARY)
TRUENO_MATH_UNARY_ALIASES(TRUENO_DECLARE_ALIAS)

/// x^y for a scalar exponent y, with the C library's special cases (pow(x, 0) = 1 even for NaN x,
/// pow(1, y) = 1 even for NaN y, negative x only for integer y, signed zeros and infinities of
/// odd integer y, y = +-inf by |x| vs 1). <= 2 ULP.
Vector<float> pow(std::span<const float> x, float y);
Vector<double> pow(std::span<const double> x, double y);
void pow(std::span<const float> x, float y, std::span<float> out);
void pow(std::span<const double> x, double y, std::span<double> out);

}  // namespace trueno
