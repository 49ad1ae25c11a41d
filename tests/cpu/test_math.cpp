// test_math.cpp: every element-wise math function and activation on every compiled backend:
// sampled inputs over all exponents and the special values within the documented ULP bound
// (the exhaustive proof is test_math_exhaustive), exact IEEE specials, all sizes and
// misalignments (span, allocating and in-place forms agree bit for bit), and the backends that
// share an evaluation (fused: avx2/avx512/neon; double: scalar/sse2) agree bit for bit.
#include <gtest/gtest.h>

#include <bit>
#include <cctype>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "support/math_cases.hpp"
#include "support/test_support.hpp"

namespace trueno::test {
namespace {

// n random bit patterns (every exponent equally likely) plus the special values and the
// overflow / underflow edges of exp-like functions.
template <class T>
std::vector<T> sample_inputs(std::size_t n, unsigned seed) {
  using U = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  std::mt19937_64 g(seed);
  std::vector<T> v = special_values<T>();
  const double edges[] = {88.72283,
                          88.72284,
                          -87.33655,
                          -103.97208,
                          -103.2789,
                          -104.0,
                          709.782712893384,
                          709.7827128933841,
                          -708.3964185322641,
                          -745.1332191019411,
                          -745.1332191019412,
                          0.55,
                          -0.55,
                          0.75,
                          -0.75,
                          1.0606601717798212,
                          -1.0606601717798212,
                          10.0,
                          -30.0,
                          20.0,
                          0x1p-25,
                          -0x1p-25,
                          0x1p-54,
                          1e-8,
                          -1e-8,
                          0.34657359,
                          -0.34657359,
                          3.0,
                          -3.0};
  for (double e : edges) {
    const T t = static_cast<T>(e);
    v.push_back(t);
    v.push_back(std::nextafter(t, T(1e300)));
    v.push_back(std::nextafter(t, T(-1e300)));
  }
  std::uniform_real_distribution<double> small(-40.0, 40.0);
  while (v.size() < n) {
    v.push_back(std::bit_cast<T>(static_cast<U>(g())));
    v.push_back(static_cast<T>(small(g)));  // the interesting range, densely
  }
  return v;
}

class MathTest : public BackendTest {};

template <class T>
void check_sampled(const MathCase& c, std::size_t n) {
  const auto x = sample_inputs<T>(n, 7);
  std::vector<T> out(x.size());
  if constexpr (sizeof(T) == 4)
    c.f32(x, out);
  else
    c.f64(x, out);
  const std::uint64_t bound = sizeof(T) == 4 ? c.bound_f32() : c.bound_f64();
  std::uint64_t worst = 0;
  std::size_t at = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const std::uint64_t d = math_ulp(out[i], reference(c, x[i]));
    if (d > worst) worst = d, at = i;
  }
  EXPECT_LE(worst, bound) << c.name << (sizeof(T) == 4 ? " f32" : " f64") << " x = " << x[at] << " got " << out[at]
                          << " want " << reference(c, x[at]);
}

TEST_P(MathTest, SampledWithinBound) {
  // 20000 samples natively; fewer where TRUENO_TEST_MAX_N says the CPU is emulated.
  const std::size_t n = max_test_size() < 20000 ? max_test_size() : 20000;
  for (const auto& c : math_cases()) {
    check_sampled<float>(c, n);
    check_sampled<double>(c, n);
  }
}

// The C library's values, exactly, on every backend.
TEST_P(MathTest, IeeeSpecials) {
  constexpr float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
  auto one = [](auto f, float v) {
    std::vector<float> x{v}, o(1);
    f(std::span<const float>(x), std::span<float>(o));
    return o[0];
  };
  auto bits = [](float v) { return std::bit_cast<std::uint32_t>(v); };
  using S = std::span<const float>;
  using O = std::span<float>;
  EXPECT_EQ(bits(one([](S a, O b) { trueno::exp(a, b); }, -inf)), bits(0.0f));
  EXPECT_EQ(one([](S a, O b) { trueno::exp(a, b); }, inf), inf);
  EXPECT_EQ(one([](S a, O b) { trueno::exp(a, b); }, 88.72283f), std::exp(88.72283f));
  EXPECT_EQ(one([](S a, O b) { trueno::exp(a, b); }, 88.72284f), inf);
  EXPECT_EQ(one([](S a, O b) { trueno::exp(a, b); }, -103.2789f), std::numeric_limits<float>::denorm_min());
  EXPECT_EQ(one([](S a, O b) { trueno::exp(a, b); }, -100.0f), static_cast<float>(std::exp(-100.0)));
  EXPECT_EQ(bits(one([](S a, O b) { trueno::exp(a, b); }, -104.0f)), bits(0.0f));
  EXPECT_EQ(one([](S a, O b) { trueno::ln(a, b); }, 0.0f), -inf);
  EXPECT_EQ(one([](S a, O b) { trueno::ln(a, b); }, -0.0f), -inf);
  EXPECT_TRUE(std::isnan(one([](S a, O b) { trueno::ln(a, b); }, -1.0f)));
  EXPECT_EQ(one([](S a, O b) { trueno::ln(a, b); }, inf), inf);
  EXPECT_EQ(bits(one([](S a, O b) { trueno::ln(a, b); }, 1.0f)), bits(0.0f));
  EXPECT_EQ(one([](S a, O b) { trueno::log2(a, b); }, 0x1p-149f), -149.0f);
  EXPECT_EQ(one([](S a, O b) { trueno::tanh(a, b); }, inf), 1.0f);
  EXPECT_EQ(one([](S a, O b) { trueno::tanh(a, b); }, -inf), -1.0f);
  EXPECT_EQ(bits(one([](S a, O b) { trueno::tanh(a, b); }, -0.0f)), bits(-0.0f));
  EXPECT_EQ(bits(one([](S a, O b) { trueno::sigmoid(a, b); }, -inf)), bits(0.0f));
  EXPECT_EQ(one([](S a, O b) { trueno::sigmoid(a, b); }, inf), 1.0f);
  EXPECT_EQ(bits(one([](S a, O b) { trueno::relu(a, b); }, -0.0f)), bits(0.0f));
  EXPECT_EQ(bits(one([](S a, O b) { trueno::expm1(a, b); }, -0.0f)), bits(-0.0f));
  EXPECT_EQ(one([](S a, O b) { trueno::expm1(a, b); }, -inf), -1.0f);
  EXPECT_EQ(bits(one([](S a, O b) { trueno::log1p(a, b); }, -0.0f)), bits(-0.0f));
  EXPECT_EQ(one([](S a, O b) { trueno::log1p(a, b); }, -1.0f), -inf);
  EXPECT_EQ(bits(one([](S a, O b) { trueno::erf(a, b); }, -0.0f)), bits(-0.0f));
  EXPECT_EQ(one([](S a, O b) { trueno::erf(a, b); }, -inf), -1.0f);
  EXPECT_EQ(one([](S a, O b) { trueno::gelu(a, GeluApprox::none, b); }, inf), inf);
  EXPECT_EQ(one([](S a, O b) { trueno::gelu(a, GeluApprox::tanh, b); }, inf), inf);
  for (const auto& c : math_cases()) {
    EXPECT_TRUE(std::isnan(one(c.f32, nan))) << c.name;
    EXPECT_TRUE(std::isnan(one(c.f32, -nan))) << c.name;
  }
}

// Span, allocating and in-place forms agree bit for bit at every size and misalignment.
template <class T>
void check_forms(const MathCase& c) {
  for (std::size_t n : test_sizes()) {
    if (n > 4099 && c.name != "exp" && c.name != "sigmoid") continue;  // one large size is enough
    auto data = uniform<T>(n, -30.0, 30.0, static_cast<unsigned>(n));
    const auto sp = special_values<T>();
    for (std::size_t i = 0; i < n; i += 7) data[i] = sp[i % sp.size()];
    for (std::size_t off : kOffsets) {
      Misaligned<T> in(data, off), out(std::vector<T>(n), off), inplace(data, off);
      if constexpr (sizeof(T) == 4) {
        c.f32(in.cspan(), out.span());
        c.f32(inplace.cspan(), inplace.span());
      } else {
        c.f64(in.cspan(), out.span());
        c.f64(inplace.cspan(), inplace.span());
      }
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_TRUE(same_value(out.span()[i], inplace.span()[i])) << c.name << " n=" << n << " i=" << i;
        ASSERT_LE(math_ulp(out.span()[i], reference(c, data[i])), sizeof(T) == 4 ? c.bound_f32() : c.bound_f64())
            << c.name << (sizeof(T) == 4 ? " f32" : " f64") << " n=" << n << " off=" << off << " x=" << data[i];
      }
    }
  }
}

TEST_P(MathTest, SizesOffsetsInPlace) {
  for (const auto& c : math_cases()) {
    check_forms<float>(c);
    check_forms<double>(c);
  }
}

// Arrays past the drivers' software-prefetch threshold (256 KiB; map.inl) give bit for bit what
// the same function gives on small pieces of them, which stay under it: the prefetching loop
// changes no result (every function, both types, a misaligned start, on one thread).
template <class T>
void check_large_matches_pieces(const MathCase& c) {
  const std::size_t n = (std::size_t{300} << 10) / sizeof(T) + 5;
  auto data = uniform<T>(n, -30.0, 30.0, 11);
  Misaligned<T> in(data, 1), whole(std::vector<T>(n), 1);
  std::vector<T> pieces(n);
  constexpr std::size_t kPiece = 1000;
  for (std::size_t i = 0; i < n; i += kPiece) {
    const std::size_t m = std::min(kPiece, n - i);
    if constexpr (sizeof(T) == 4)
      c.f32(in.cspan().subspan(i, m), std::span<T>(pieces).subspan(i, m));
    else
      c.f64(in.cspan().subspan(i, m), std::span<T>(pieces).subspan(i, m));
  }
  if constexpr (sizeof(T) == 4)
    c.f32(in.cspan(), whole.span());
  else
    c.f64(in.cspan(), whole.span());
  for (std::size_t i = 0; i < n; ++i)
    ASSERT_TRUE(same_value(whole.span()[i], pieces[i])) << c.name << (sizeof(T) == 4 ? " f32" : " f64") << " i=" << i;
}

TEST_P(MathTest, LargeArraysMatchSmallPieces) {
  set_num_threads(1);  // one thread takes the whole array (a split would give each one less)
  for (const auto& c : math_cases()) {
    check_large_matches_pieces<float>(c);
    check_large_matches_pieces<double>(c);
  }
  set_num_threads(0);
}

TEST_P(MathTest, AllocatingFormMatchesSpanForm) {
  const auto x = sample_inputs<float>(3000, 3);
  const auto xd = sample_inputs<double>(3000, 3);
  std::vector<float> o(x.size());
  std::vector<double> od(xd.size());
  trueno::exp(x, o);
  EXPECT_TRUE(std::equal(o.begin(), o.end(), trueno::exp(x).begin(), same_value<float>));
  trueno::sigmoid(x, o);
  EXPECT_TRUE(std::equal(o.begin(), o.end(), trueno::sigmoid(x).begin(), same_value<float>));
  trueno::gelu(xd, GeluApprox::tanh, od);
  EXPECT_TRUE(std::equal(od.begin(), od.end(), trueno::gelu(xd, GeluApprox::tanh).begin(), same_value<double>));
  trueno::softplus(xd, 2.0, 5.0, od);
  EXPECT_TRUE(std::equal(od.begin(), od.end(), trueno::softplus(xd, 2.0, 5.0).begin(), same_value<double>));
}

// pow's special exponents (the sampled cases use 2.5, -3 and 0.3) against C's pow.
TEST_P(MathTest, PowSpecialExponents) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  const double ys[] = {0.0,     -0.0, 1.0,  -1.0,        2.0,   3.0,    -3.0,
                       0.5,     -0.5, 7.0,  -8.0,        1e300, -1e300, 9007199254740993.0,
                       0x1p-30, inf,  -inf, std::nan("")};
  auto x = sample_inputs<double>(3000, 5);
  for (double b : {-1.0, 1.0, -2.0, 0.5, -0.5, 2.0}) x.push_back(b);
  std::vector<double> o(x.size());
  for (double y : ys) {
    trueno::pow(std::span<const double>(x), y, std::span<double>(o));
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double want = static_cast<double>(std::pow(static_cast<long double>(x[i]), static_cast<long double>(y)));
      ASSERT_LE(math_ulp(o[i], want), 2u) << "pow(" << x[i] << ", " << y << ") = " << o[i] << " want " << want;
    }
    const auto xf = sample_inputs<float>(3000, 5);
    std::vector<float> of(xf.size());
    const float yf = static_cast<float>(y);
    trueno::pow(std::span<const float>(xf), yf, std::span<float>(of));
    for (std::size_t i = 0; i < xf.size(); ++i) {
      const float want = static_cast<float>(std::pow(static_cast<double>(xf[i]), static_cast<double>(yf)));
      ASSERT_LE(math_ulp(of[i], want), 1u) << "powf(" << xf[i] << ", " << yf << ") = " << of[i] << " want " << want;
    }
  }
}

TRUENO_INSTANTIATE_BACKENDS(MathTest);

// Backends with the same evaluation give the same bits: the fused-FMA float path on
// avx2 / avx512 / neon, the double path on scalar / sse2 (so the exhaustive runs on scalar and
// avx512 cover the others). All double results also agree within the bound of each other.
TEST(MathBackends, SameEvaluationSameBits) {
  const auto x = sample_inputs<float>(100000, 11);
  const std::vector<std::pair<Backend, Backend>> pairs = {{Backend::avx2, Backend::avx512},
                                                          {Backend::scalar, Backend::sse2}};
  for (auto [a, b] : pairs) {
    if (!backend_available(a) || !backend_available(b)) continue;
    for (const auto& c : math_cases()) {
      std::vector<float> oa(x.size()), ob(x.size());
      {
        ScopedBackend s(a);
        c.f32(x, oa);
      }
      {
        ScopedBackend s(b);
        c.f32(x, ob);
      }
      for (std::size_t i = 0; i < x.size(); ++i)
        ASSERT_TRUE(same_value(oa[i], ob[i]))
            << c.name << " " << backend_name(a) << " vs " << backend_name(b) << " x=" << x[i];
    }
  }
}

TEST(MathErrors, SizesAndParameters) {
  std::vector<float> x(5), o(4);
  EXPECT_THROW(trueno::exp(std::span<const float>(x), std::span<float>(o)), SizeMismatch);
  EXPECT_THROW(trueno::celu(std::span<const float>(x), 0.0f), InvalidArgument);
  EXPECT_THROW(trueno::softplus(std::span<const float>(x), 0.0f, 20.0f), InvalidArgument);
  EXPECT_THROW(trueno::softplus(std::span<const float>(x), 1.0f, std::nanf("")), InvalidArgument);
  std::vector<float> big(8);
  EXPECT_THROW(trueno::exp(std::span<const float>(big.data(), 5), std::span<float>(big.data() + 2, 5)),
               InvalidArgument);
}

}  // namespace
// Every listed math function and activation with a bound has an oracle here, so the bound its
// list line states is what the sampled, random and exhaustive runs check.
TEST(MathCases, CoverEveryListedFunction) {
  for (const OpInfo& op : kUnaryOps) {
    if (op.family == OpFamily::elementwise) continue;  // exact ops: test_elementwise.cpp
    const auto names = math_case_names();
    EXPECT_NE(std::find(names.begin(), names.end(), std::string(op.name)), names.end())
        << op.name << " is listed in trueno/op_list.hpp but has no case in tests/support/math_cases.hpp";
  }
}

// docs/accuracy.md's table of measured maxima repeats each function's bounds next to the
// measurements: they must be the ones trueno/op_list.hpp states, and every function with a
// bound there must have a row.
TEST(DocsAccuracy, BoundsMatchTheLists) {
  std::ifstream in(TRUENO_DOCS_DIR "/accuracy.md");
  if (!in) GTEST_SKIP() << "docs/accuracy.md not found at " TRUENO_DOCS_DIR " (a build outside the source tree)";
  std::set<std::string> rows;
  for (std::string line; std::getline(in, line);) {
    // | function | f32 bound | f32 scalar/sse2 | f32 avx2/avx512/neon | f32 inputs | f64 bound | ...
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '|');) {
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      cells.push_back(cell);
    }
    if (cells.size() < 8 || cells[0] != "" || cells[2].empty() ||
        !std::isdigit(static_cast<unsigned char>(cells[2][0])))
      continue;
    const std::string& name = cells[1];
    const OpBound b = bound_of(name.rfind("pow_", 0) == 0 ? std::string_view("pow") : std::string_view(name));
    ASSERT_FALSE(b.name.empty()) << "docs/accuracy.md has a row for " << name << ", which has no bound in the lists";
    EXPECT_EQ(cells[2], std::to_string(b.ulp_f32)) << name << ": float32 bound in docs/accuracy.md";
    EXPECT_EQ(cells[6], std::to_string(b.ulp_f64)) << name << ": float64 bound in docs/accuracy.md";
    rows.insert(std::string(b.name));
  }
  for (const OpInfo& op : kUnaryOps)
    if (op.family != OpFamily::elementwise) EXPECT_TRUE(rows.count(std::string(op.name))) << op.name << ": no row";
  for (const OpBound& b : kParamOpBounds) EXPECT_TRUE(rows.count(std::string(b.name))) << b.name << ": no row";
}

}  // namespace trueno::test
