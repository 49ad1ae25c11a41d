// listed.cpp: Python bindings of the ops of trueno/op_list.hpp: one function per list line (name
// and docstring from the line; def_unary/def_binary add the bound), the aliases, ulp_bounds(),
// every stated bound as data, and _ops(), the index of every op for the tests.
#include <string>

#include "bind.hpp"
#include "trueno/activations.hpp"
#include "trueno/elementwise.hpp"
#include "trueno/math.hpp"

namespace trueno::py {

void bind_listed(nb::module_& m) {
#define TRUENO_X(name, intensity, u32, u64, doc) \
  def_binary(                                    \
      m, #name, [](auto a, auto b, auto o) { trueno::name(a, b, o); }, doc);
  TRUENO_BINARY_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, intensity, u32, u64, doc) \
  def_unary<true>(                               \
      m, #name, [](auto x, auto o) { trueno::name(x, o); }, doc);
  TRUENO_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(alias, op) \
  def_unary<true>(          \
      m, #alias, [](auto x, auto o) { trueno::alias(x, o); }, "Alias of " #op ".");
  TRUENO_MATH_UNARY_ALIASES(TRUENO_X)
  TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_X)
#undef TRUENO_X

  // For the tests: every op of every list -> (family, array operands, accepts ints, forms),
  // forms being "number", "array", "out" or "object" (op_list.hpp); only ops Python has.
  m.def("_ops", [] {
    nb::dict d;
    auto add = [&](std::string_view name, std::string_view family, int arrays, bool ints, const char* forms) {
      d[nb::str(name.data(), name.size())] = nb::make_tuple(nb::str(family.data(), family.size()), arrays, ints, forms);
    };
    constexpr const char* kFamilies[] = {"elementwise", "math", "activation"};
    for (const OpInfo& op : kUnaryOps) add(op.name, kFamilies[int(op.family)], 1, false, "array");
    for (const OpInfo& op : kBinaryOps) add(op.name, kFamilies[int(op.family)], 2, false, "array");
#define TRUENO_X(alias, op) add(#alias, "alias", 1, false, "array");
    TRUENO_MATH_UNARY_ALIASES(TRUENO_X)
    TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_X)
#undef TRUENO_X
    constexpr const char* kForms[] = {"number", "array", "out", "object"};
    for (const OtherOpInfo& op : kOtherOps)
      if (op.py) add(op.name, op.family, op.arrays, op.ints, kForms[int(op.forms)]);
    return d;
  });
  m.def(
      "ulp_bounds",
      [] {
        nb::dict d;
        auto add = [&](std::string_view name) {
          const OpBound b = bound_of(name);
          d[nb::str(name.data(), name.size())] = nb::make_tuple(b.ulp_f32, b.ulp_f64);
        };
        for (const OpInfo& op : kUnaryOps) add(op.name);
        for (const OpInfo& op : kBinaryOps) add(op.name);
#define TRUENO_X(alias, op) add(#alias);
        TRUENO_MATH_UNARY_ALIASES(TRUENO_X)
        TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_X)
#undef TRUENO_X
        for (const OpBound& b : kParamOpBounds) add(b.name);
        return d;
      },
      "The documented accuracy of every function that has a bound: name -> (float32, float64), the\n"
      "largest distance in ULP from the correctly rounded result on every backend (0: exact or\n"
      "correctly rounded). 'gelu_tanh' is gelu(approximate='tanh'); pow's holds for every exponent\n"
      "tested (docs/accuracy.md).");
}

}  // namespace trueno::py
