// activations.cpp: Python bindings of the element-wise activations (trueno/activations.hpp);
// the row-wise ones (softmax, layer_norm, ...) are in rows.cpp.
#include <nanobind/stl/string.h>

#include <string>

#include "bind.hpp"
#include "trueno/activations.hpp"

namespace trueno::py {
namespace {

template <class Span>
using Elem = typename Span::value_type;

// `name(x, <param>=default, *, out=None)` for activations with one scalar parameter (a Python
// float, rounded to the array's dtype): f(std::span<const T>, T, std::span<T>).
template <class F>
void def_param(nb::module_& m, const char* name, const char* param, const char* dflt, double dflt_value, F f,
               const char* doc) {
  const std::string sig = signature(
      name, std::string("x: ") + kArrayLike + ", " + param + ": float = " + dflt + ", *, " + kOutParam, kNDArray);
  m.def(
      name,
      [name, f](nb::handle x, double p, nb::handle out) {
        return map_op<float, double>(name, {"x"}, {x}, out,
                                     [f, p](auto xs, auto o) { f(xs, static_cast<Elem<decltype(o)>>(p), o); });
      },
      nb::arg("x"), nb::arg(param) = dflt_value, nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      elementwise_doc(doc, name).c_str());
}

void def_softplus(nb::module_& m) {
  const std::string sig = signature(
      "softplus", std::string("x: ") + kArrayLike + ", beta: float = 1.0, threshold: float = 20.0, *, " + kOutParam,
      kNDArray);
  m.def(
      "softplus",
      [](nb::handle x, double beta, double threshold, nb::handle out) {
        return map_op<float, double>("softplus", {"x"}, {x}, out, [beta, threshold](auto xs, auto o) {
          using T = Elem<decltype(o)>;
          trueno::softplus(xs, static_cast<T>(beta), static_cast<T>(threshold), o);
        });
      },
      nb::arg("x"), nb::arg("beta") = 1.0, nb::arg("threshold") = 20.0, nb::kw_only(), nb::arg("out") = nb::none(),
      nb::sig(sig.c_str()),
      elementwise_doc("log(1 + e**(beta x)) / beta, and x itself where beta x > threshold\n"
                      "(torch.nn.functional.softplus). ValueError if beta == 0 or a parameter is NaN.",
                      "softplus")
          .c_str());
}

GeluApprox to_approx(const std::string& s) {
  if (s == "none") return GeluApprox::none;
  if (s == "tanh") return GeluApprox::tanh;
  throw nb::value_error(("trueno.gelu: approximate must be 'none' or 'tanh', got '" + s + "'").c_str());
}

void def_gelu(nb::module_& m) {
  const std::string sig =
      signature("gelu", std::string("x: ") + kArrayLike + ", approximate: str = 'none', *, " + kOutParam, kNDArray);
  m.def(
      "gelu",
      [](nb::handle x, const std::string& approximate, nb::handle out) {
        const GeluApprox a = to_approx(approximate);
        return map_op<float, double>("gelu", {"x"}, {x}, out, [a](auto xs, auto o) { trueno::gelu(xs, a, o); });
      },
      nb::arg("x"), nb::arg("approximate") = "none", nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      elementwise_doc("x * Phi(x) = 0.5 x (1 + erf(x / sqrt(2))) (approximate='none'), or PyTorch's tanh form\n"
                      "0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x**3))) (approximate='tanh'), as\n"
                      "torch.nn.functional.gelu. Any other string is a ValueError.",
                      "gelu")
          .c_str());
}

}  // namespace

void bind_activations(nb::module_& m) {
  def_param(
      m, "leaky_relu", "slope", "0.01", 0.01, [](auto x, auto s, auto o) { trueno::leaky_relu(x, s, o); },
      "x for x > 0, slope * x otherwise (torch.nn.functional.leaky_relu).");
  def_param(
      m, "elu", "alpha", "1.0", 1.0, [](auto x, auto a, auto o) { trueno::elu(x, a, o); },
      "x for x > 0, alpha * (e**x - 1) otherwise (torch.nn.functional.elu).");
  def_unary(
      m, "selu", [](auto x, auto o) { trueno::selu(x, o); },
      "scale * elu(x, alpha) with PyTorch's constants (torch.selu).");
  def_param(
      m, "celu", "alpha", "1.0", 1.0, [](auto x, auto a, auto o) { trueno::celu(x, a, o); },
      "max(0, x) + min(0, alpha * (e**(x/alpha) - 1)) (torch.celu). ValueError if alpha == 0.");
  def_gelu(m);
  def_softplus(m);
}

}  // namespace trueno::py
