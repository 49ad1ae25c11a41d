// test_statistics.cpp: variance, stddev, covariance, correlation and the normalizations on
// every compiled backend, against long-double two-pass references; errors and NaN handling.
#include <gtest/gtest.h>

#include "reference/reference.hpp"
#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

class Statistics : public BackendTest {};

template <class T>
void check_moments() {
  for (std::size_t n : test_sizes()) {
    if (n < 2) continue;
    for (std::size_t off : kOffsets) {
      // A large offset with a small spread: the case where one-pass formulas lose everything.
      auto a = uniform<T>(n, 1000.0, 1001.0, static_cast<unsigned>(n + off));
      auto b = uniform<T>(n, -3.0, 3.0, static_cast<unsigned>(2 * n + off));
      for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<T>(b[i] + static_cast<T>(0.5) * a[i]);
      Misaligned<T> x(a, off), y(b, (off + 1) % 4);
      const double rel = sizeof(T) == 4 ? 4e-6 : 1e-12;
      for (std::size_t ddof : {std::size_t{0}, std::size_t{1}}) {
        const double v = static_cast<double>(ref::variance(x.cspan(), ddof));
        EXPECT_NEAR(trueno::variance(x.cspan(), ddof), v, v * rel) << "n=" << n << " ddof=" << ddof;
        EXPECT_NEAR(trueno::stddev(x.cspan(), ddof), std::sqrt(v), std::sqrt(v) * rel) << "n=" << n;
        const double c = static_cast<double>(ref::covariance(x.cspan(), y.cspan(), ddof));
        const double scale = std::sqrt(v * static_cast<double>(ref::variance(y.cspan(), ddof)));
        EXPECT_NEAR(trueno::covariance(x.cspan(), y.cspan(), ddof), c, scale * rel) << "n=" << n;
      }
      const double r = static_cast<double>(ref::covariance(x.cspan(), y.cspan(), 0) /
                                           std::sqrt(ref::variance(x.cspan(), 0) * ref::variance(y.cspan(), 0)));
      EXPECT_NEAR(trueno::correlation(x.cspan(), y.cspan()), r, rel) << "n=" << n;
    }
  }
}
TEST_P(Statistics, MomentsFloat) { check_moments<float>(); }
TEST_P(Statistics, MomentsDouble) { check_moments<double>(); }

template <class T>
void check_normalizations() {
  for (std::size_t n : test_sizes()) {
    if (n < 2) continue;
    for (std::size_t off : kOffsets) {
      const auto data = uniform<T>(n, -50.0, 80.0, static_cast<unsigned>(n * 3 + off));
      Misaligned<T> x(data, off);
      const auto xs = x.cspan();
      // References in long double; results must be within 2 ULP of the result magnitude
      // (plus the rounding of the statistic itself, relative 2 eps).
      const long double m = ref::mean(xs);
      const long double sd = std::sqrt(ref::variance(xs, 0));
      const long double l2 = std::sqrt(ref::sum_sq(xs).value());
      T lo = data[0], hi = data[0];
      for (T v : data) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
      const Vector<T> z = trueno::zscore(xs), u = trueno::normalize(xs), mm = trueno::minmax_normalize(xs);
      const double eps = std::numeric_limits<T>::epsilon();
      for (std::size_t i = 0; i < n; ++i) {
        const double zr = static_cast<double>((data[i] - m) / sd);
        EXPECT_NEAR(z[i], zr, 4 * eps * (std::fabs(zr) + static_cast<double>(std::fabs(m) / sd))) << i;
        const double ur = static_cast<double>(data[i] / l2);
        EXPECT_NEAR(u[i], ur, 2 * eps * std::fabs(ur) + 1e-300) << i;
        const double mr = (static_cast<double>(data[i]) - lo) / (static_cast<double>(hi) - lo);
        EXPECT_NEAR(mm[i], mr, 2 * eps) << i;
        EXPECT_GE(mm[i], T(0));
        EXPECT_LE(mm[i], T(1));
      }
      // span forms, in place
      Misaligned<T> w(data, off);
      trueno::zscore(w.cspan(), w.span());
      for (std::size_t i = 0; i < n; ++i) ASSERT_TRUE(same_value(w.cspan()[i], z[i]));
    }
  }
}
TEST_P(Statistics, NormalizationsFloat) { check_normalizations<float>(); }
TEST_P(Statistics, NormalizationsDouble) { check_normalizations<double>(); }

TEST_P(Statistics, ExtremeMagnitudes) {
  const std::vector<float> big = {3e38f, -3e38f, 1e38f};  // range overflows float, not double
  const auto mm = trueno::minmax_normalize(std::span<const float>(big));
  EXPECT_FLOAT_EQ(mm[0], 1.0f);
  EXPECT_FLOAT_EQ(mm[1], 0.0f);
  EXPECT_NEAR(mm[2], 4.0 / 6.0, 1e-7);
  const std::vector<double> dbig = {1e308, 1e308};  // 1 / norm is subnormal: two-pass path
  const auto u = trueno::normalize(std::span<const double>(dbig));
  EXPECT_NEAR(u[0], std::sqrt(0.5), 1e-15);
  const std::vector<double> over = {1.7e308, -1.7e308};
  EXPECT_THROW((void)trueno::minmax_normalize(std::span<const double>(over)), InvalidArgument);
}

TEST_P(Statistics, ErrorsAndNaN) {
  const std::span<const float> e;
  const std::vector<float> one = {1.0f}, c = {2.0f, 2.0f, 2.0f}, a = {1, 2, 3}, b = {1, 2};
  using S = std::span<const float>;
  EXPECT_THROW((void)trueno::variance(e), EmptyInput);
  EXPECT_THROW((void)trueno::variance(S(one), 1), InvalidArgument);
  EXPECT_EQ(trueno::variance(S(one)), 0.0f);
  EXPECT_THROW((void)trueno::covariance(S(a), S(b)), SizeMismatch);
  EXPECT_THROW((void)trueno::correlation(S(a), S(b)), SizeMismatch);
  EXPECT_THROW((void)trueno::correlation(S(a), S(c)), InvalidArgument);
  EXPECT_THROW((void)trueno::correlation(e, e), EmptyInput);
  EXPECT_THROW((void)trueno::zscore(S(c)), InvalidArgument);
  EXPECT_THROW((void)trueno::minmax_normalize(S(c)), InvalidArgument);
  EXPECT_THROW((void)trueno::zscore(e), EmptyInput);
  const std::vector<float> zeros(4, 0.0f);
  EXPECT_THROW((void)trueno::normalize(S(zeros)), InvalidArgument);
  EXPECT_EQ(trueno::normalize(e).size(), 0u);
  const std::vector<float> inf = {1.0f, std::numeric_limits<float>::infinity()};
  EXPECT_THROW((void)trueno::normalize(S(inf)), InvalidArgument);
  EXPECT_THROW((void)trueno::minmax_normalize(S(inf)), InvalidArgument);
  const std::vector<float> nan = {1.0f, std::nanf(""), 3.0f};
  EXPECT_TRUE(std::isnan(trueno::variance(S(nan))));
  EXPECT_TRUE(std::isnan(trueno::correlation(S(nan), S(a))));
  for (float v : trueno::zscore(S(nan))) EXPECT_TRUE(std::isnan(v));
  for (float v : trueno::normalize(S(nan))) EXPECT_TRUE(std::isnan(v));
  for (float v : trueno::minmax_normalize(S(nan))) EXPECT_TRUE(std::isnan(v));
  std::vector<float> out(2);
  EXPECT_THROW(trueno::zscore(S(a), std::span<float>(out)), SizeMismatch);
}

TRUENO_INSTANTIATE_BACKENDS(Statistics);

}  // namespace
}  // namespace trueno::test
