// math_cases.hpp: the table of element-wise math functions and activations under test: the
// trueno span form for float and double and the oracle (in double for float, long double for
// double); their ULP bounds come from trueno/op_list.hpp. Shared by the regular, exhaustive
// and random tests.
#pragma once

#include <cmath>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <span>
#include <string>
#include <vector>

#include "reference/math_reference.hpp"
#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {

struct MathCase {
  std::string name;
  void (*f32)(std::span<const float>, std::span<float>);
  void (*f64)(std::span<const double>, std::span<double>);
  double (*ref_d)(double);             // oracle for float results
  long double (*ref_ld)(long double);  // oracle for double results
  /// Where the function changes direction (NaN: monotone everywhere); lets the exhaustive test
  /// skip the oracle inside blocks whose rounded end values agree.
  double turn = std::numeric_limits<double>::quiet_NaN();
  bool periodic = false;  // never monotone on a block (sin, cos, tan)
  /// Evaluated for float through the double algorithm on every backend (math_trig.inl): the
  /// float result is the double one rounded once, so its float bound (1) follows from the
  /// double one; the exhaustive run covers these only when asked (TRUENO_EXHAUSTIVE_FUNCS).
  bool double_only = false;

  /// The ULP bounds stated for this function in trueno/op_list.hpp (the pow_* cases: pow's),
  /// the one place they are written; a case without one there is a test error.
  OpBound bound() const {
    const OpBound b = bound_of(name.rfind("pow_", 0) == 0 ? std::string_view("pow") : std::string_view(name));
    if (b.name.empty()) throw std::logic_error(name + " has no bound in trueno/op_list.hpp");
    return b;
  }
  std::uint64_t bound_f32() const { return bound().ulp_f32; }
  std::uint64_t bound_f64() const { return bound().ulp_f64; }
};

// One entry per function: the lambdas are captureless, so they convert to the pointers above.
inline const std::vector<MathCase>& math_cases() {
  using SF = std::span<const float>;
  using OF = std::span<float>;
  using SD = std::span<const double>;
  using OD = std::span<double>;
  static const std::vector<MathCase> cases = {
      {"exp", [](SF x, OF o) { trueno::exp(x, o); }, [](SD x, OD o) { trueno::exp(x, o); },
       [](double v) { return std::exp(v); }, [](long double v) { return std::exp(v); }},
      {"exp2", [](SF x, OF o) { trueno::exp2(x, o); }, [](SD x, OD o) { trueno::exp2(x, o); },
       [](double v) { return std::exp2(v); }, [](long double v) { return std::exp2(v); }},
      {"expm1", [](SF x, OF o) { trueno::expm1(x, o); }, [](SD x, OD o) { trueno::expm1(x, o); },
       [](double v) { return std::expm1(v); }, [](long double v) { return std::expm1(v); }},
      {"ln", [](SF x, OF o) { trueno::ln(x, o); }, [](SD x, OD o) { trueno::ln(x, o); },
       [](double v) { return std::log(v); }, [](long double v) { return std::log(v); }},
      {"log2", [](SF x, OF o) { trueno::log2(x, o); }, [](SD x, OD o) { trueno::log2(x, o); },
       [](double v) { return std::log2(v); }, [](long double v) { return std::log2(v); }},
      {"log10", [](SF x, OF o) { trueno::log10(x, o); }, [](SD x, OD o) { trueno::log10(x, o); },
       [](double v) { return std::log10(v); }, [](long double v) { return std::log10(v); }},
      {"log1p", [](SF x, OF o) { trueno::log1p(x, o); }, [](SD x, OD o) { trueno::log1p(x, o); },
       [](double v) { return std::log1p(v); }, [](long double v) { return std::log1p(v); }},
      {"tanh", [](SF x, OF o) { trueno::tanh(x, o); }, [](SD x, OD o) { trueno::tanh(x, o); },
       [](double v) { return std::tanh(v); }, [](long double v) { return std::tanh(v); }},
      {"erf", [](SF x, OF o) { trueno::erf(x, o); }, [](SD x, OD o) { trueno::erf(x, o); },
       [](double v) { return std::erf(v); }, [](long double v) { return std::erf(v); }},
      {"sin", [](SF x, OF o) { trueno::sin(x, o); }, [](SD x, OD o) { trueno::sin(x, o); },
       [](double v) { return std::sin(v); }, [](long double v) { return std::sin(v); },
       std::numeric_limits<double>::quiet_NaN(), true, true},
      {"cos", [](SF x, OF o) { trueno::cos(x, o); }, [](SD x, OD o) { trueno::cos(x, o); },
       [](double v) { return std::cos(v); }, [](long double v) { return std::cos(v); },
       std::numeric_limits<double>::quiet_NaN(), true, true},
      {"tan", [](SF x, OF o) { trueno::tan(x, o); }, [](SD x, OD o) { trueno::tan(x, o); },
       [](double v) { return std::tan(v); }, [](long double v) { return std::tan(v); },
       std::numeric_limits<double>::quiet_NaN(), true, true},
      {"asin", [](SF x, OF o) { trueno::asin(x, o); }, [](SD x, OD o) { trueno::asin(x, o); },
       [](double v) { return std::asin(v); }, [](long double v) { return std::asin(v); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"acos", [](SF x, OF o) { trueno::acos(x, o); }, [](SD x, OD o) { trueno::acos(x, o); },
       [](double v) { return std::acos(v); }, [](long double v) { return std::acos(v); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"atan", [](SF x, OF o) { trueno::atan(x, o); }, [](SD x, OD o) { trueno::atan(x, o); },
       [](double v) { return std::atan(v); }, [](long double v) { return std::atan(v); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"sinh", [](SF x, OF o) { trueno::sinh(x, o); }, [](SD x, OD o) { trueno::sinh(x, o); },
       [](double v) { return std::sinh(v); }, [](long double v) { return std::sinh(v); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"cosh", [](SF x, OF o) { trueno::cosh(x, o); }, [](SD x, OD o) { trueno::cosh(x, o); },
       [](double v) { return std::cosh(v); }, [](long double v) { return std::cosh(v); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"asinh", [](SF x, OF o) { trueno::asinh(x, o); }, [](SD x, OD o) { trueno::asinh(x, o); },
       [](double v) { return std::asinh(v); }, [](long double v) { return std::asinh(v); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"acosh", [](SF x, OF o) { trueno::acosh(x, o); }, [](SD x, OD o) { trueno::acosh(x, o); },
       [](double v) { return std::acosh(v); }, [](long double v) { return std::acosh(v); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"atanh", [](SF x, OF o) { trueno::atanh(x, o); }, [](SD x, OD o) { trueno::atanh(x, o); },
       [](double v) { return std::atanh(v); }, [](long double v) { return std::atanh(v); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"cbrt", [](SF x, OF o) { trueno::cbrt(x, o); }, [](SD x, OD o) { trueno::cbrt(x, o); },
       [](double v) { return std::cbrt(v); }, [](long double v) { return std::cbrt(v); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"pow_2_5", [](SF x, OF o) { trueno::pow(x, 2.5f, o); }, [](SD x, OD o) { trueno::pow(x, 2.5, o); },
       [](double v) { return std::pow(v, 2.5); }, [](long double v) { return std::pow(v, 2.5L); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"pow_m3", [](SF x, OF o) { trueno::pow(x, -3.0f, o); }, [](SD x, OD o) { trueno::pow(x, -3.0, o); },
       [](double v) { return std::pow(v, -3.0); }, [](long double v) { return std::pow(v, -3.0L); }, 0.0, false, true},
      {"pow_0_3", [](SF x, OF o) { trueno::pow(x, 0.3f, o); }, [](SD x, OD o) { trueno::pow(x, 0.3, o); },
       [](double v) { return std::pow(v, double(0.3f)); },
       [](long double v) { return std::pow(v, static_cast<long double>(0.3)); },
       std::numeric_limits<double>::quiet_NaN(), false, true},
      {"sigmoid", [](SF x, OF o) { trueno::sigmoid(x, o); }, [](SD x, OD o) { trueno::sigmoid(x, o); },
       ref::sigmoid<double>, ref::sigmoid<long double>},
      {"swish", [](SF x, OF o) { trueno::swish(x, o); }, [](SD x, OD o) { trueno::swish(x, o); }, ref::swish<double>,
       ref::swish<long double>, -1.2785},
      {"gelu_tanh", [](SF x, OF o) { trueno::gelu(x, GeluApprox::tanh, o); },
       [](SD x, OD o) { trueno::gelu(x, GeluApprox::tanh, o); }, ref::gelu_tanh<double>, ref::gelu_tanh<long double>,
       -0.7517},
      {"gelu", [](SF x, OF o) { trueno::gelu(x, GeluApprox::none, o); },
       [](SD x, OD o) { trueno::gelu(x, GeluApprox::none, o); }, ref::gelu_erf<double>, ref::gelu_erf<long double>,
       -0.7518},
      {"softplus", [](SF x, OF o) { trueno::softplus(x, 1.0f, 20.0f, o); },
       [](SD x, OD o) { trueno::softplus(x, 1.0, 20.0, o); }, [](double v) { return ref::softplus(v); },
       [](long double v) { return ref::softplus(v); }},
      {"mish", [](SF x, OF o) { trueno::mish(x, o); }, [](SD x, OD o) { trueno::mish(x, o); }, ref::mish<double>,
       ref::mish<long double>, -1.1924},
      {"elu", [](SF x, OF o) { trueno::elu(x, 1.0f, o); }, [](SD x, OD o) { trueno::elu(x, 1.0, o); },
       [](double v) { return ref::elu(v, 1.0); }, [](long double v) { return ref::elu(v, 1.0L); }},
      {"celu", [](SF x, OF o) { trueno::celu(x, 0.5f, o); }, [](SD x, OD o) { trueno::celu(x, 0.5, o); },
       [](double v) { return ref::celu(v, 0.5); }, [](long double v) { return ref::celu(v, 0.5L); }},
      {"selu", [](SF x, OF o) { trueno::selu(x, o); }, [](SD x, OD o) { trueno::selu(x, o); }, ref::selu<double>,
       ref::selu<long double>},
      {"relu", [](SF x, OF o) { trueno::relu(x, o); }, [](SD x, OD o) { trueno::relu(x, o); }, ref::relu<double>,
       ref::relu<long double>},
      {"leaky_relu", [](SF x, OF o) { trueno::leaky_relu(x, 0.01f, o); },
       [](SD x, OD o) { trueno::leaky_relu(x, 0.01, o); }, [](double v) { return ref::leaky_relu(v, double(0.01f)); },
       [](long double v) { return ref::leaky_relu(v, static_cast<long double>(0.01)); }},
      {"hardsigmoid", [](SF x, OF o) { trueno::hardsigmoid(x, o); }, [](SD x, OD o) { trueno::hardsigmoid(x, o); },
       ref::hardsigmoid<double>, ref::hardsigmoid<long double>},
      {"softsign", [](SF x, OF o) { trueno::softsign(x, o); }, [](SD x, OD o) { trueno::softsign(x, o); },
       ref::softsign<double>, ref::softsign<long double>},
      {"rsqrt", [](SF x, OF o) { trueno::rsqrt(x, o); }, [](SD x, OD o) { trueno::rsqrt(x, o); },
       [](double v) { return 1 / std::sqrt(v); }, [](long double v) { return 1 / std::sqrt(v); }},
      {"hardswish", [](SF x, OF o) { trueno::hardswish(x, o); }, [](SD x, OD o) { trueno::hardswish(x, o); },
       ref::hardswish<double>, ref::hardswish<long double>, -1.5},
  };
  return cases;
}

/// Error in ULP from the oracle's rounded value; a zero of the wrong sign counts as a failure,
/// and so does a NaN / non-NaN mismatch (test_support's ulp_distance gives them ~2^64).
template <class T>
std::uint64_t math_ulp(T got, T want) {
  if (got == T(0) && want == T(0) && std::signbit(got) != std::signbit(want)) return ~std::uint64_t{0};
  return ulp_distance(got, want);
}

/// The comma-separated list in environment variable `name` (empty if unset).
inline std::vector<std::string> env_list(const char* name) {
  std::vector<std::string> out;
  if (const char* e = std::getenv(name)) {
    std::stringstream ss(e);
    for (std::string item; std::getline(ss, item, ',');)
      if (!item.empty()) out.push_back(item);
  }
  return out;
}

/// The backends of the long accuracy runs: TRUENO_EXHAUSTIVE_BACKENDS (names or "all"), by
/// default scalar and the best available one.
inline std::vector<Backend> long_run_backends() {
  const auto names = env_list("TRUENO_EXHAUSTIVE_BACKENDS");
  if (names.size() == 1 && names[0] == "all") return available_backends();
  std::vector<Backend> out;
  for (const auto& n : names)
    if (auto b = parse_backend(n); b && backend_available(*b)) out.push_back(*b);
  if (out.empty()) {
    out.push_back(Backend::scalar);
    if (best_backend() != Backend::scalar) out.push_back(best_backend());
  }
  return out;
}

/// Whether TRUENO_EXHAUSTIVE_FUNCS selects `name`: listed, or "all"; unset: every function
/// but the double-only ones (the default of the CI run, sized for its time).
inline bool selected_function(const std::string& name, bool double_only) {
  const auto f = env_list("TRUENO_EXHAUSTIVE_FUNCS");
  if (f.empty()) return !double_only;
  return (f.size() == 1 && f[0] == "all") || std::find(f.begin(), f.end(), name) != f.end();
}

inline const MathCase& math_case(const std::string& name) {
  return *std::find_if(math_cases().begin(), math_cases().end(), [&](const MathCase& m) { return m.name == name; });
}

inline std::vector<std::string> math_case_names() {
  std::vector<std::string> n;
  for (const auto& c : math_cases()) n.push_back(c.name);
  return n;
}

/// The oracle's value rounded to T (float: the double result rounded once).
template <class T>
T reference(const MathCase& c, T x) {
  if constexpr (sizeof(T) == 4)
    return static_cast<float>(c.ref_d(static_cast<double>(x)));
  else
    return static_cast<double>(c.ref_ld(static_cast<long double>(x)));
}

}  // namespace trueno::test
