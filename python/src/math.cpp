// math.cpp: Python bindings of the element-wise math functions (trueno/math.hpp).
#include <string>

#include "bind.hpp"
#include "trueno/math.hpp"

namespace trueno::py {
namespace {

template <class Span>
using Elem = typename Span::value_type;

void def_pow(nb::module_& m) {
  const std::string sig = signature("pow", std::string("x: ") + kArrayLike + ", y: float, *, " + kOutParam, kNDArray);
  m.def(
      "pow",
      [](nb::handle x, double y, nb::handle out) {
        return map_op<float, double>("pow", {"x"}, {x}, out,
                                     [y](auto xs, auto o) { trueno::pow(xs, static_cast<Elem<decltype(o)>>(y), o); });
      },
      nb::arg("x"), nb::arg("y"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      elementwise_doc("x ** y for a scalar exponent y rounded to x's dtype (numpy.power(x, y)), with the C\n"
                      "library's special cases (pow(x, 0) = 1 even for NaN x, negative x only for integer y).\n"
                      "<= 2 ULP.")
          .c_str());
}

}  // namespace

void bind_math(nb::module_& m) {
  def_unary(
      m, "exp", [](auto x, auto o) { trueno::exp(x, o); }, "e**x (numpy.exp); overflows to inf, <= 1 ULP.");
  def_unary(
      m, "exp2", [](auto x, auto o) { trueno::exp2(x, o); }, "2**x (numpy.exp2), <= 1 ULP.");
  def_unary(
      m, "expm1", [](auto x, auto o) { trueno::expm1(x, o); }, "e**x - 1, accurate near 0 (numpy.expm1), <= 2 ULP.");
  def_unary(
      m, "ln", [](auto x, auto o) { trueno::ln(x, o); },
      "Natural logarithm (numpy.log): ln(+-0) = -inf, NaN for x < 0, <= 1 ULP.");
  def_unary(
      m, "log", [](auto x, auto o) { trueno::log(x, o); }, "Alias of ln (numpy.log).");
  def_unary(
      m, "log2", [](auto x, auto o) { trueno::log2(x, o); },
      "Base-2 logarithm (numpy.log2), exact at powers of two, <= 1 ULP.");
  def_unary(
      m, "log10", [](auto x, auto o) { trueno::log10(x, o); }, "Base-10 logarithm (numpy.log10), <= 2 ULP.");
  def_unary(
      m, "log1p", [](auto x, auto o) { trueno::log1p(x, o); }, "log(1 + x), accurate near 0 (numpy.log1p), <= 2 ULP.");
  def_pow(m);
  def_unary(
      m, "cbrt", [](auto x, auto o) { trueno::cbrt(x, o); }, "Cube root, of negative x too (numpy.cbrt), <= 1 ULP.");
  def_unary(
      m, "sin", [](auto x, auto o) { trueno::sin(x, o); },
      "Sine in radians (numpy.sin), exact argument reduction for every finite x, <= 1 ULP.");
  def_unary(
      m, "cos", [](auto x, auto o) { trueno::cos(x, o); },
      "Cosine in radians (numpy.cos), exact argument reduction for every finite x, <= 1 ULP.");
  def_unary(
      m, "tan", [](auto x, auto o) { trueno::tan(x, o); },
      "Tangent in radians (numpy.tan), <= 1 ULP (float32), <= 2 ULP (float64).");
  def_unary(
      m, "asin", [](auto x, auto o) { trueno::asin(x, o); }, "Arc sine (numpy.arcsin), NaN outside [-1, 1], <= 2 ULP.");
  def_unary(
      m, "acos", [](auto x, auto o) { trueno::acos(x, o); },
      "Arc cosine (numpy.arccos), NaN outside [-1, 1], <= 2 ULP.");
  def_unary(
      m, "atan", [](auto x, auto o) { trueno::atan(x, o); }, "Arc tangent (numpy.arctan), <= 2 ULP.");
  def_unary(
      m, "sinh", [](auto x, auto o) { trueno::sinh(x, o); }, "Hyperbolic sine (numpy.sinh), <= 2 ULP.");
  def_unary(
      m, "cosh", [](auto x, auto o) { trueno::cosh(x, o); }, "Hyperbolic cosine (numpy.cosh), <= 2 ULP.");
  def_unary(
      m, "tanh", [](auto x, auto o) { trueno::tanh(x, o); },
      "Hyperbolic tangent (numpy.tanh), tanh(+-inf) = +-1, <= 2 ULP.");
  def_unary(
      m, "asinh", [](auto x, auto o) { trueno::asinh(x, o); }, "Inverse hyperbolic sine (numpy.arcsinh), <= 2 ULP.");
  def_unary(
      m, "acosh", [](auto x, auto o) { trueno::acosh(x, o); },
      "Inverse hyperbolic cosine (numpy.arccosh), NaN below 1, <= 2 ULP.");
  def_unary(
      m, "atanh", [](auto x, auto o) { trueno::atanh(x, o); },
      "Inverse hyperbolic tangent (numpy.arctanh), +-1 -> +-inf, NaN outside [-1, 1], <= 2 ULP.");
  def_unary(
      m, "erf", [](auto x, auto o) { trueno::erf(x, o); },
      "Error function (math.erf, scipy.special.erf), erf(+-inf) = +-1, <= 2 ULP.");
}

}  // namespace trueno::py
