// listed.cpp: Python bindings of the ops of trueno/op_list.hpp, one function per list line
// (name and docstring from the line; def_unary/def_binary add the bound), plus the aliases.
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
  def_unary(                                     \
      m, #name, [](auto x, auto o) { trueno::name(x, o); }, doc);
  TRUENO_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(alias, op) \
  def_unary(                \
      m, #alias, [](auto x, auto o) { trueno::alias(x, o); }, "Alias of " #op ".");
  TRUENO_MATH_UNARY_ALIASES(TRUENO_X)
  TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_X)
#undef TRUENO_X
}

}  // namespace trueno::py
