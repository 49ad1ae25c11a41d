// test_reductions.cpp: every reduction on every compiled backend against long-double
// references, with the documented error bounds, NaN semantics, empty input and integers.
#include <gtest/gtest.h>

#include "reference/reference.hpp"
#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

class Reductions : public BackendTest {};

// Documented bounds (docs/accuracy.md), sum|t| the sum of the terms' magnitudes: float:
// pairs of terms combined in float, then accumulated in double and rounded once:
// |err| <= ulp(result)/2 + 2^-23 sum|t|; double: (log2 n + 40) 2^-53 sum|t|.
template <class T>
double sum_bound(long double exact, long double abs_total, std::size_t n) {
  const double magnitude = static_cast<double>(abs_total);
  if constexpr (sizeof(T) == 4) {
    return std::fabs(static_cast<double>(exact)) * 0x1p-24 + 0x1p-23 * magnitude +
           static_cast<double>(n) * 0x1p-53 * magnitude;
  } else {
    return (std::log2(static_cast<double>(n) + 1.0) + 40.0) * 0x1p-53 * magnitude;
  }
}

template <class T>
void check_sums() {
  for (std::size_t n : test_sizes()) {
    for (std::size_t off : kOffsets) {
      // Mixed signs and magnitudes: cancellation makes naive summation visibly wrong.
      auto data = uniform<T>(n, -1.0, 1.0, static_cast<unsigned>(n + 17 * off));
      for (std::size_t i = 0; i < n; i += 7) data[i] = static_cast<T>(data[i] * 1e4);
      const auto other = uniform<T>(n, -2.0, 2.0, static_cast<unsigned>(n + 99));
      Misaligned<T> x(data, off), y(other, (off + 2) % 4);
      const auto xs = x.cspan();

      const auto s = ref::sum(xs);
      EXPECT_LE(std::fabs(static_cast<double>(trueno::sum(xs)) - static_cast<double>(s.value())),
                sum_bound<T>(s.value(), s.abs_total(), n))
          << "sum n=" << n << " off=" << off;

      const auto d = ref::dot(xs, y.cspan());
      EXPECT_LE(std::fabs(static_cast<double>(trueno::dot(xs, y.cspan())) - static_cast<double>(d.value())),
                sum_bound<T>(d.value(), d.abs_total(), n))
          << "dot n=" << n;

      const auto q = ref::sum_sq(xs);
      EXPECT_LE(std::fabs(static_cast<double>(trueno::sum_of_squares(xs)) - static_cast<double>(q.value())),
                sum_bound<T>(q.value(), q.abs_total(), n))
          << "sum_of_squares n=" << n;
      const double l2 = std::sqrt(static_cast<double>(q.value()));
      EXPECT_LE(std::fabs(static_cast<double>(trueno::norm_l2(xs)) - l2),
                l2 * 2.0 * std::numeric_limits<T>::epsilon() + 1e-300)
          << "norm_l2 n=" << n;
      const double l1 = static_cast<double>(s.abs_total());
      EXPECT_LE(std::fabs(static_cast<double>(trueno::norm_l1(xs)) - l1), sum_bound<T>(l1, l1, n)) << "norm_l1 n=" << n;

      if (n > 0) {
        const double m = static_cast<double>(s.value()) / static_cast<double>(n);
        EXPECT_LE(std::fabs(static_cast<double>(trueno::mean(xs)) - m),
                  sum_bound<T>(s.value(), s.abs_total(), n) / static_cast<double>(n))
            << "mean n=" << n;
        T mx = data[0], mn = data[0], la = 0;
        for (T v : data) {
          mx = std::max(mx, v);
          mn = std::min(mn, v);
          la = std::max(la, std::fabs(v));
        }
        EXPECT_EQ(trueno::max(xs), mx);
        EXPECT_EQ(trueno::min(xs), mn);
        EXPECT_EQ(trueno::norm_linf(xs), la);
        EXPECT_EQ(trueno::argmax(xs), (ref::arg_extreme<T, true>(xs))) << "n=" << n;
        EXPECT_EQ(trueno::argmin(xs), (ref::arg_extreme<T, false>(xs))) << "n=" << n;
      }
    }
  }
}
TEST_P(Reductions, SumsFloat) { check_sums<float>(); }
TEST_P(Reductions, SumsDouble) { check_sums<double>(); }

// Pairwise / double accumulation must beat naive summation: 1 + many tiny terms.
TEST_P(Reductions, SumIsAccurateNotNaive) {
  std::vector<float> x(1 << 20, 1e-4f);
  x[0] = 1e4f;
  const auto s = ref::sum(std::span<const float>(x));
  EXPECT_NEAR(trueno::sum(std::span<const float>(x)), static_cast<double>(s.value()), 2e-3);  // naive float: off by ~1
  std::vector<double> xd(1 << 20, 0.1);
  const auto sd = ref::sum(std::span<const double>(xd));
  EXPECT_NEAR(trueno::sum(std::span<const double>(xd)), static_cast<double>(sd.value()), 1e-9);
}

template <class T>
void check_nan_and_ties() {
  using L = std::numeric_limits<T>;
  for (std::size_t n : {std::size_t{1}, std::size_t{5}, std::size_t{17}, std::size_t{4099}, std::size_t{10000}}) {
    for (std::size_t pos : {std::size_t{0}, n / 2, n - 1}) {
      std::vector<T> x = uniform<T>(n, -5, 5, static_cast<unsigned>(n + pos));
      x[pos] = L::quiet_NaN();
      if (pos + 3 < n) x[pos + 3] = L::quiet_NaN();
      const std::span<const T> s(x);
      EXPECT_TRUE(std::isnan(trueno::sum(s))) << n << " " << pos;
      EXPECT_TRUE(std::isnan(trueno::max(s))) << n << " " << pos;
      EXPECT_TRUE(std::isnan(trueno::min(s))) << n << " " << pos;
      EXPECT_TRUE(std::isnan(trueno::norm_linf(s)));
      EXPECT_TRUE(std::isnan(trueno::mean(s)));
      EXPECT_EQ(trueno::argmax(s), pos) << "first NaN wins, n=" << n;
      EXPECT_EQ(trueno::argmin(s), pos);
    }
  }
  // Ties: the first index of the extreme, also across chunk boundaries.
  std::vector<T> t(20000, T(1));
  t[5000] = T(7);
  t[9000] = T(7);
  t[15000] = T(7);
  t[4500] = T(-3);
  t[12000] = T(-3);
  EXPECT_EQ(trueno::argmax(std::span<const T>(t)), 5000u);
  EXPECT_EQ(trueno::argmin(std::span<const T>(t)), 4500u);
  std::vector<T> inc(10000);
  for (std::size_t i = 0; i < inc.size(); ++i) inc[i] = static_cast<T>(i);
  EXPECT_EQ(trueno::argmax(std::span<const T>(inc)), 9999u);
  EXPECT_EQ(trueno::argmin(std::span<const T>(inc)), 0u);
  const std::vector<T> infs = {T(1), L::infinity(), -L::infinity(), L::infinity()};
  EXPECT_EQ(trueno::argmax(std::span<const T>(infs)), 1u);
  EXPECT_EQ(trueno::argmin(std::span<const T>(infs)), 2u);
  EXPECT_EQ(trueno::max(std::span<const T>(infs)), L::infinity());
}
TEST_P(Reductions, NanAndTiesFloat) { check_nan_and_ties<float>(); }
TEST_P(Reductions, NanAndTiesDouble) { check_nan_and_ties<double>(); }

TEST_P(Reductions, NormL2NoOverflowOrUnderflow) {
  const std::vector<double> big = {1e300, 1e300, -1e300};
  EXPECT_NEAR(trueno::norm_l2(std::span<const double>(big)), std::sqrt(3.0) * 1e300, 1e286);
  const std::vector<double> tiny = {1e-300, -1e-300, 1e-300, 1e-300};
  EXPECT_NEAR(trueno::norm_l2(std::span<const double>(tiny)), 2e-300, 1e-314);
  const std::vector<double> denorm(8, 4.9406564584124654e-324);
  EXPECT_NEAR(trueno::norm_l2(std::span<const double>(denorm)), std::sqrt(8.0) * 4.9406564584124654e-324, 1e-323);
  const std::vector<float> fbig = {3e38f, 3e38f};
  EXPECT_FLOAT_EQ(trueno::norm_l2(std::span<const float>(fbig)), static_cast<float>(std::sqrt(2.0) * 3e38));
  const std::vector<float> ftiny = {1e-44f, 1e-44f};
  EXPECT_GT(trueno::norm_l2(std::span<const float>(ftiny)), 0.0f);
  const std::vector<double> with_inf = {1.0, std::numeric_limits<double>::infinity()};
  EXPECT_EQ(trueno::norm_l2(std::span<const double>(with_inf)), std::numeric_limits<double>::infinity());
  const std::vector<double> zeros(10, 0.0);
  EXPECT_EQ(trueno::norm_l2(std::span<const double>(zeros)), 0.0);
}

// float sums pair terms in float for speed; where that would overflow or underflow (but the
// double-precision sum would not), the result must be the same as if formed in double.
TEST_P(Reductions, FloatPairingNeverOverflowsOrUnderflows) {
  for (std::size_t n : {2u, 8u, 32u, 33u, 1000u}) {
    std::vector<float> x(n), y(n), t(n, 1e-30f);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = (i / 16) % 2 ? -3e38f : 3e38f;  // pairs of lanes (i, i + W) of equal sign
      y[i] = i % 2 ? 1e20f : -1e20f;
    }
    if (n % 32 != 0) x.back() = 0.0f, x.front() = 0.0f;
    const auto xs = std::span<const float>(x);
    const double exact = static_cast<double>(ref::sum(xs).value());
    EXPECT_EQ(trueno::sum(xs), static_cast<float>(exact)) << n;
    EXPECT_TRUE(std::isfinite(trueno::mean(xs))) << n;
    std::vector<float> ones(n, 1e20f);
    const double d = static_cast<double>(ref::dot(std::span<const float>(y), std::span<const float>(ones)).value());
    EXPECT_EQ(trueno::dot(std::span<const float>(y), std::span<const float>(ones)), static_cast<float>(d)) << n;
    EXPECT_GT(trueno::norm_l2(std::span<const float>(t)), 0.0f) << n;  // 1e-60 squares: not 0
    EXPECT_NEAR(trueno::norm_l2(std::span<const float>(t)), 1e-30 * std::sqrt(static_cast<double>(n)), 1e-36);
  }
}

TEST_P(Reductions, EmptyInput) {
  const std::span<const float> e;
  EXPECT_EQ(trueno::sum(e), 0.0f);
  EXPECT_EQ(trueno::dot(e, e), 0.0f);
  EXPECT_EQ(trueno::norm_l1(e), 0.0f);
  EXPECT_EQ(trueno::norm_l2(e), 0.0f);
  EXPECT_EQ(trueno::norm_linf(e), 0.0f);
  EXPECT_EQ(trueno::sum_of_squares(e), 0.0f);
  EXPECT_THROW((void)trueno::mean(e), EmptyInput);
  EXPECT_THROW((void)trueno::min(e), EmptyInput);
  EXPECT_THROW((void)trueno::max(e), EmptyInput);
  EXPECT_THROW((void)trueno::argmin(e), EmptyInput);
  EXPECT_THROW((void)trueno::argmax(e), EmptyInput);
  const std::span<const std::int32_t> ei;
  EXPECT_EQ(trueno::sum(ei), 0);
  EXPECT_THROW((void)trueno::mean(ei), EmptyInput);
  EXPECT_THROW((void)trueno::argmax(ei), EmptyInput);
  const std::vector<float> a(3), b(4);
  EXPECT_THROW((void)trueno::dot(std::span<const float>(a), std::span<const float>(b)), SizeMismatch);
}

template <class T>
void check_integers() {
  for (std::size_t n : test_sizes()) {
    std::mt19937_64 g(n);
    std::uniform_int_distribution<T> d(std::numeric_limits<T>::min(), std::numeric_limits<T>::max());
    std::vector<T> x(n), y(n);
    for (auto& v : x) v = d(g);
    for (auto& v : y) v = static_cast<T>(d(g) % 1000);
    const std::span<const T> xs(x), ys(y);
    __extension__ __int128 s = 0, dt = 0;
    for (std::size_t i = 0; i < n; ++i) {
      s += x[i];
      dt += static_cast<__int128>(x[i]) * y[i];
    }
    const bool s_fits = s >= std::numeric_limits<std::int64_t>::min() && s <= std::numeric_limits<std::int64_t>::max();
    if (s_fits)
      EXPECT_EQ(trueno::sum(xs), static_cast<std::int64_t>(s)) << n;
    else
      EXPECT_THROW((void)trueno::sum(xs), Overflow) << n;
    const bool d_fits =
        dt >= std::numeric_limits<std::int64_t>::min() && dt <= std::numeric_limits<std::int64_t>::max();
    if (d_fits)
      EXPECT_EQ(trueno::dot(xs, ys), static_cast<std::int64_t>(dt)) << n;
    else
      EXPECT_THROW((void)trueno::dot(xs, ys), Overflow) << n;
    if (n == 0) continue;
    EXPECT_EQ(trueno::max(xs), *std::max_element(x.begin(), x.end()));
    EXPECT_EQ(trueno::min(xs), *std::min_element(x.begin(), x.end()));
    EXPECT_EQ(trueno::argmax(xs), static_cast<std::size_t>(std::max_element(x.begin(), x.end()) - x.begin()));
    EXPECT_EQ(trueno::argmin(xs), static_cast<std::size_t>(std::min_element(x.begin(), x.end()) - x.begin()));
    const long double m = static_cast<long double>(s) / static_cast<long double>(n);
    EXPECT_NEAR(trueno::mean(xs), static_cast<double>(m), std::fabs(static_cast<double>(m)) * 1e-15 + 1e-300);
  }
}
TEST_P(Reductions, Int32) { check_integers<std::int32_t>(); }
TEST_P(Reductions, Int64) { check_integers<std::int64_t>(); }

// A SUM over 1M int32 rows at the type's limits must not overflow (int64 accumulation).
TEST_P(Reductions, Int32NoOverflow) {
  std::vector<std::int32_t> x(1 << 20, std::numeric_limits<std::int32_t>::max());
  EXPECT_EQ(trueno::sum(std::span<const std::int32_t>(x)),
            static_cast<std::int64_t>(x.size()) * std::numeric_limits<std::int32_t>::max());
  EXPECT_DOUBLE_EQ(trueno::mean(std::span<const std::int32_t>(x)), std::numeric_limits<std::int32_t>::max());
  constexpr std::int32_t kMin = std::numeric_limits<std::int32_t>::min(),
                         kMax = std::numeric_limits<std::int32_t>::max();
  const std::vector<std::int32_t> a = {kMin, kMin}, b = {kMin, kMax};  // 2^62 - 2^62 + 2^31
  EXPECT_EQ(trueno::dot(std::span<const std::int32_t>(a), std::span<const std::int32_t>(b)), std::int64_t{1} << 31);
  EXPECT_THROW((void)trueno::dot(std::span<const std::int32_t>(a), std::span<const std::int32_t>(a)),
               Overflow);  // 2^63
  std::vector<std::int64_t> big = {std::numeric_limits<std::int64_t>::max(), 1};
  EXPECT_THROW((void)trueno::sum(std::span<const std::int64_t>(big)), Overflow);
  std::vector<std::int64_t> cancel = {std::numeric_limits<std::int64_t>::max(), 1, -2};
  EXPECT_EQ(trueno::sum(std::span<const std::int64_t>(cancel)), std::numeric_limits<std::int64_t>::max() - 1);
  EXPECT_DOUBLE_EQ(trueno::mean(std::span<const std::int64_t>(big)), 4611686018427387904.0);
}

TRUENO_INSTANTIATE_BACKENDS(Reductions);

}  // namespace
}  // namespace trueno::test
