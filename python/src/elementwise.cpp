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

// Python numbers as bounds: the scalar form (checked: lo <= hi, no NaN). Arrays (or an array
// and a number) as bounds: the N-d form, numpy.clip's semantics, broadcasting.
template <class F, class G>
void def_clamp(nb::module_& m, const char* name, F f, G g, const char* doc) {
  const std::string sig = signature(name,
                                    std::string("x: ") + kArrayLike + ", lo: float | " + kArrayLike + ", hi: float | " +
                                        kArrayLike + ", *, " + kOutParam,
                                    kNDArray);
  const auto number = [](nb::handle h) { return PyFloat_CheckExact(h.ptr()) || PyLong_CheckExact(h.ptr()); };
  m.def(
      name,
      [name, f, g, number](nb::handle x, nb::handle lo, nb::handle hi, nb::handle out) {
        if (number(lo) && number(hi)) {
          const double l = nb::cast<double>(lo), h = nb::cast<double>(hi);
          return map_op<float, double>(name, {"x"}, {x}, out, [f, l, h](auto xs, auto o) {
            using T = Elem<decltype(o)>;
            f(xs, static_cast<T>(l), static_cast<T>(h), o);
          });
        }
        return map_views<float, double>(name, {"x", "lo", "hi"}, {x, lo, hi}, out, g);
      },
      nb::arg("x"), nb::arg("lo"), nb::arg("hi"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      (elementwise_doc(doc) +
       "\n\nWith array bounds (numpy.clip(x, lo, hi)): minimum(maximum(x, lo), hi), x, lo and hi\n"
       "broadcast together (NumPy's rules; Python numbers take the arrays' dtype), any strides; hi\n"
       "wins where lo > hi and NaN anywhere gives NaN.")
          .c_str());
}

void def_lerp(nb::module_& m) {
  const std::string sig = signature(
      "lerp", std::string("a: ") + kArrayLike + ", b: " + kArrayLike + ", t: float, *, " + kOutParam, kNDArray);
  m.def(
      "lerp",
      [](nb::handle a, nb::handle b, double t, nb::handle out) {
        return map_nd<float, double>("lerp", {"a", "b"}, {a, b}, out, [t](auto as, auto bs, auto o) {
          trueno::lerp(as, bs, static_cast<Elem<decltype(o)>>(t), o);
        });
      },
      nb::arg("a"), nb::arg("b"), nb::arg("t"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      nd_doc("a + t * (b - a) (torch.lerp with a scalar weight), exact at t = 0 and t = 1.", "lerp").c_str());
}

void def_fma(nb::module_& m) {
  const std::string sig = signature(
      "fma", std::string("a: ") + kArrayLike + ", b: " + kArrayLike + ", c: " + kArrayLike + ", *, " + kOutParam,
      kNDArray);
  m.def(
      "fma",
      [](nb::handle a, nb::handle b, nb::handle c, nb::handle out) {
        return map_nd<float, double>("fma", {"a", "b", "c"}, {a, b, c}, out,
                                     [](auto as, auto bs, auto cs, auto o) { trueno::fma(as, bs, cs, o); });
      },
      nb::arg("a"), nb::arg("b"), nb::arg("c"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      nd_doc("a * b + c with a single rounding (fused multiply-add).", "fma").c_str());
}

}  // namespace

void bind_elementwise(nb::module_& m) {
  def_scale(m);
  def_clamp(
      m, "clamp", [](auto x, auto lo, auto hi, auto o) { trueno::clamp(x, lo, hi, o); },
      [](auto x, auto lo, auto hi, auto o) { trueno::clamp(x, lo, hi, o); },
      "min(max(x, lo), hi); NaN elements stay NaN (numpy.clip). With number bounds: ValueError if lo > hi\n"
      "or a bound is NaN.");
  def_clamp(
      m, "clip", [](auto x, auto lo, auto hi, auto o) { trueno::clip(x, lo, hi, o); },
      [](auto x, auto lo, auto hi, auto o) { trueno::clip(x, lo, hi, o); }, "Alias of clamp (numpy.clip).");
  def_lerp(m);
  def_fma(m);
}

}  // namespace trueno::py
