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
                      "library's special cases (pow(x, 0) = 1 even for NaN x, negative x only for integer y).",
                      "pow")
          .c_str());
}

}  // namespace

void bind_math(nb::module_& m) { def_pow(m); }

}  // namespace trueno::py
