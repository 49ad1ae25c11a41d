// elementwise.cpp: Python bindings of the element-wise ops (trueno/elementwise.hpp).
#include <string>

#include "bind.hpp"
#include "trueno/elementwise.hpp"

namespace trueno::py {
namespace {

template <class Span>
using Elem = typename Span::value_type;

// `name(x, <scalars...>, *, out=None)` for ops with scalar parameters: the scalars arrive as
// Python floats (double) and are rounded to the array's element type.
void def_scale(nb::module_& m) {
  const std::string sig = signature("scale", std::string("x: ") + kArrayLike + ", s: float, *, " + kOutParam, kNDArray);
  m.def(
      "scale",
      [](nb::handle x, double s, nb::handle out) {
        return map_op<float, double>("scale", {"x"}, {x}, out,
                                     [s](auto xs, auto o) { trueno::scale(xs, static_cast<Elem<decltype(o)>>(s), o); });
      },
      nb::arg("x"), nb::arg("s"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      elementwise_doc("x * s, with s rounded to x's dtype (numpy.multiply(x, s)).").c_str());
}

template <class F>
void def_clamp(nb::module_& m, const char* name, F f, const char* doc) {
  const std::string sig =
      signature(name, std::string("x: ") + kArrayLike + ", lo: float, hi: float, *, " + kOutParam, kNDArray);
  m.def(
      name,
      [name, f](nb::handle x, double lo, double hi, nb::handle out) {
        return map_op<float, double>(name, {"x"}, {x}, out, [f, lo, hi](auto xs, auto o) {
          using T = Elem<decltype(o)>;
          f(xs, static_cast<T>(lo), static_cast<T>(hi), o);
        });
      },
      nb::arg("x"), nb::arg("lo"), nb::arg("hi"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      elementwise_doc(doc).c_str());
}

void def_lerp(nb::module_& m) {
  const std::string sig = signature(
      "lerp", std::string("a: ") + kArrayLike + ", b: " + kArrayLike + ", t: float, *, " + kOutParam, kNDArray);
  m.def(
      "lerp",
      [](nb::handle a, nb::handle b, double t, nb::handle out) {
        return map_op<float, double>("lerp", {"a", "b"}, {a, b}, out, [t](auto as, auto bs, auto o) {
          trueno::lerp(as, bs, static_cast<Elem<decltype(o)>>(t), o);
        });
      },
      nb::arg("a"), nb::arg("b"), nb::arg("t"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      elementwise_doc("a + t * (b - a) (torch.lerp with a scalar weight), exact at t = 0 and t = 1.").c_str());
}

void def_fma(nb::module_& m) {
  const std::string sig = signature(
      "fma", std::string("a: ") + kArrayLike + ", b: " + kArrayLike + ", c: " + kArrayLike + ", *, " + kOutParam,
      kNDArray);
  m.def(
      "fma",
      [](nb::handle a, nb::handle b, nb::handle c, nb::handle out) {
        return map_op<float, double>("fma", {"a", "b", "c"}, {a, b, c}, out,
                                     [](auto as, auto bs, auto cs, auto o) { trueno::fma(as, bs, cs, o); });
      },
      nb::arg("a"), nb::arg("b"), nb::arg("c"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      elementwise_doc("a * b + c with a single rounding (fused multiply-add).").c_str());
}

}  // namespace

void bind_elementwise(nb::module_& m) {
  def_binary(
      m, "add", [](auto a, auto b, auto o) { trueno::add(a, b, o); }, "a + b (numpy.add).");
  def_binary(
      m, "sub", [](auto a, auto b, auto o) { trueno::sub(a, b, o); }, "a - b (numpy.subtract).");
  def_binary(
      m, "mul", [](auto a, auto b, auto o) { trueno::mul(a, b, o); }, "a * b (numpy.multiply).");
  def_binary(
      m, "div", [](auto a, auto b, auto o) { trueno::div(a, b, o); }, "a / b, IEEE (numpy.divide).");
  def_binary(
      m, "minimum", [](auto a, auto b, auto o) { trueno::minimum(a, b, o); },
      "Element-wise minimum; NaN propagates (numpy.minimum).");
  def_binary(
      m, "maximum", [](auto a, auto b, auto o) { trueno::maximum(a, b, o); },
      "Element-wise maximum; NaN propagates (numpy.maximum).");
  def_binary(
      m, "copysign", [](auto a, auto b, auto o) { trueno::copysign(a, b, o); },
      "Magnitude of a with the sign bit of b (numpy.copysign).");

  def_scale(m);
  def_clamp(
      m, "clamp", [](auto x, auto lo, auto hi, auto o) { trueno::clamp(x, lo, hi, o); },
      "min(max(x, lo), hi); NaN elements stay NaN (numpy.clip). ValueError if lo > hi or a bound is NaN.");
  def_clamp(
      m, "clip", [](auto x, auto lo, auto hi, auto o) { trueno::clip(x, lo, hi, o); }, "Alias of clamp (numpy.clip).");
  def_lerp(m);
  def_fma(m);

  def_unary(
      m, "abs", [](auto x, auto o) { trueno::abs(x, o); }, "|x| (numpy.abs); abs(-0) = +0.");
  def_unary(
      m, "neg", [](auto x, auto o) { trueno::neg(x, o); }, "-x (numpy.negative).");
  def_unary(
      m, "sqrt", [](auto x, auto o) { trueno::sqrt(x, o); },
      "Correctly rounded square root; NaN for x < 0 (numpy.sqrt).");
  def_unary(
      m, "recip", [](auto x, auto o) { trueno::recip(x, o); }, "1 / x, correctly rounded (numpy.reciprocal).");
  def_unary(
      m, "floor", [](auto x, auto o) { trueno::floor(x, o); }, "Round toward -inf (numpy.floor).");
  def_unary(
      m, "ceil", [](auto x, auto o) { trueno::ceil(x, o); }, "Round toward +inf (numpy.ceil).");
  def_unary(
      m, "round", [](auto x, auto o) { trueno::round(x, o); }, "Round half to even (numpy.round / numpy.rint).");
  def_unary(
      m, "trunc", [](auto x, auto o) { trueno::trunc(x, o); }, "Round toward zero (numpy.trunc).");
  def_unary(
      m, "fract", [](auto x, auto o) { trueno::fract(x, o); },
      "x - trunc(x), with the sign of x (torch.frac); NaN for +-inf.");
  def_unary(
      m, "signum", [](auto x, auto o) { trueno::signum(x, o); }, "-1, +1, or x itself for +-0 and NaN (numpy.sign).");
}

}  // namespace trueno::py
