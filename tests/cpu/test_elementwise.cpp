// test_elementwise.cpp: every element-wise op on every compiled backend, against the
// double-precision reference, over all sizes and misalignments, with special values mixed in;
// the span form (also in place) must equal the allocating form bit for bit.
#include <gtest/gtest.h>

#include <functional>

#include "cpu/kernel_table.hpp"
#include "reference/reference.hpp"
#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

template <class T>
struct UnaryCase {
  const char* name;
  std::function<Vector<T>(std::span<const T>)> alloc;
  std::function<void(std::span<const T>, std::span<T>)> into;
  std::function<double(double)> ref;
};

template <class T>
std::vector<UnaryCase<T>> unary_cases() {
  using S = std::span<const T>;
  using O = std::span<T>;
  return {
      {"abs", [](S x) { return trueno::abs(x); }, [](S x, O o) { trueno::abs(x, o); },
       [](double v) { return std::fabs(v); }},
      {"neg", [](S x) { return trueno::neg(x); }, [](S x, O o) { trueno::neg(x, o); }, [](double v) { return -v; }},
      {"sqrt", [](S x) { return trueno::sqrt(x); }, [](S x, O o) { trueno::sqrt(x, o); },
       [](double v) { return std::sqrt(v); }},
      {"recip", [](S x) { return trueno::recip(x); }, [](S x, O o) { trueno::recip(x, o); },
       [](double v) { return 1.0 / v; }},
      {"floor", [](S x) { return trueno::floor(x); }, [](S x, O o) { trueno::floor(x, o); }, ref::floor},
      {"ceil", [](S x) { return trueno::ceil(x); }, [](S x, O o) { trueno::ceil(x, o); }, ref::ceil},
      {"round", [](S x) { return trueno::round(x); }, [](S x, O o) { trueno::round(x, o); }, ref::round_half_even},
      {"trunc", [](S x) { return trueno::trunc(x); }, [](S x, O o) { trueno::trunc(x, o); }, ref::trunc},
      {"fract", [](S x) { return trueno::fract(x); }, [](S x, O o) { trueno::fract(x, o); }, ref::fract},
      {"signum", [](S x) { return trueno::signum(x); }, [](S x, O o) { trueno::signum(x, o); }, ref::signum},
      {"scale", [](S x) { return trueno::scale(x, T(-2.5)); }, [](S x, O o) { trueno::scale(x, T(-2.5), o); },
       [](double v) { return v * -2.5; }},
      {"clamp", [](S x) { return trueno::clamp(x, T(-3), T(7.5)); },
       [](S x, O o) { trueno::clamp(x, T(-3), T(7.5), o); }, [](double v) { return ref::clamp(v, -3, 7.5); }},
      {"clip", [](S x) { return trueno::clip(x, T(0), T(0)); }, [](S x, O o) { trueno::clip(x, T(0), T(0), o); },
       [](double v) { return ref::clamp(v, 0, 0); }},
  };
}

template <class T>
struct BinaryCase {
  const char* name;
  std::function<Vector<T>(std::span<const T>, std::span<const T>)> alloc;
  std::function<void(std::span<const T>, std::span<const T>, std::span<T>)> into;
  std::function<double(double, double)> ref;
  std::uint64_t max_ulp;  // 0: exact; else an absolute bound of max_ulp * eps * (|a| + |b|)
};

template <class T>
std::vector<BinaryCase<T>> binary_cases() {
  using S = std::span<const T>;
  using O = std::span<T>;
  return {
      {"add", [](S a, S b) { return trueno::add(a, b); }, [](S a, S b, O o) { trueno::add(a, b, o); },
       [](double a, double b) { return a + b; }, 0},
      {"sub", [](S a, S b) { return trueno::sub(a, b); }, [](S a, S b, O o) { trueno::sub(a, b, o); },
       [](double a, double b) { return a - b; }, 0},
      {"mul", [](S a, S b) { return trueno::mul(a, b); }, [](S a, S b, O o) { trueno::mul(a, b, o); },
       [](double a, double b) { return a * b; }, 0},
      {"div", [](S a, S b) { return trueno::div(a, b); }, [](S a, S b, O o) { trueno::div(a, b, o); },
       [](double a, double b) { return a / b; }, 0},
      {"minimum", [](S a, S b) { return trueno::minimum(a, b); }, [](S a, S b, O o) { trueno::minimum(a, b, o); },
       ref::minimum, 0},
      {"maximum", [](S a, S b) { return trueno::maximum(a, b); }, [](S a, S b, O o) { trueno::maximum(a, b, o); },
       ref::maximum, 0},
      {"copysign", [](S a, S b) { return trueno::copysign(a, b); }, [](S a, S b, O o) { trueno::copysign(a, b, o); },
       [](double a, double b) { return std::copysign(a, b); }, 0},
      {"lerp_0.25", [](S a, S b) { return trueno::lerp(a, b, T(0.25)); },
       [](S a, S b, O o) { trueno::lerp(a, b, T(0.25), o); }, [](double a, double b) { return ref::lerp(a, b, 0.25); },
       2},
      {"lerp_0.75", [](S a, S b) { return trueno::lerp(a, b, T(0.75)); },
       [](S a, S b, O o) { trueno::lerp(a, b, T(0.75), o); }, [](double a, double b) { return ref::lerp(a, b, 0.75); },
       2},
  };
}

// Values compare exactly (bit for bit, any NaN equal) when max_ulp is 0; -0 and +0 compare
// equal only where the sign of a zero result is unspecified (minimum/maximum of +-0).
template <class T>
void expect_close(const char* op, std::size_t n, std::size_t off, std::size_t i, T got, double want,
                  std::uint64_t max_ulp, bool zero_sign_free) {
  const T w = static_cast<T>(want);
  bool ok;
  if (max_ulp == 0)
    ok = same_value(got, w) || (zero_sign_free && got == 0 && w == 0);
  else
    ok = ulp_distance(got, w) <= max_ulp || (std::isinf(w) && std::isinf(got) && (w > 0) == (got > 0));
  ASSERT_TRUE(ok) << op << " n=" << n << " offset=" << off << " i=" << i << ": got " << got << ", want " << w
                  << " (ulp distance " << ulp_distance(got, w) << ")";
}

template <class T>
void run_unary() {
  for (const auto& c : unary_cases<T>()) {
    for (std::size_t n : test_sizes()) {
      for (std::size_t off : kOffsets) {
        const auto data = mixed_data<T>(n, static_cast<unsigned>(n * 7 + off));
        Misaligned<T> x(data, off);
        const Vector<T> r = c.alloc(x.cspan());
        ASSERT_EQ(r.size(), n);
        for (std::size_t i = 0; i < n; ++i)
          expect_close<T>(c.name, n, off, i, r[i], c.ref(static_cast<double>(data[i])), 0,
                          c.name == std::string("clip"));
        Misaligned<T> inplace(data, off);  // out aliases the input exactly
        c.into(inplace.cspan(), inplace.span());
        for (std::size_t i = 0; i < n; ++i)
          ASSERT_TRUE(same_value(inplace.cspan()[i], r[i])) << c.name << " in place, n=" << n << " i=" << i;
      }
    }
  }
}

template <class T>
void run_binary() {
  for (const auto& c : binary_cases<T>()) {
    const bool zero_free = c.name == std::string("minimum") || c.name == std::string("maximum");
    for (std::size_t n : test_sizes()) {
      for (std::size_t off : kOffsets) {
        const auto da = mixed_data<T>(n, static_cast<unsigned>(n + off));
        const auto db = mixed_data<T>(n, static_cast<unsigned>(3 * n + off + 11));
        Misaligned<T> a(da, off), b(db, (off + 1) % 4);
        const Vector<T> r = c.alloc(a.cspan(), b.cspan());
        ASSERT_EQ(r.size(), n);
        for (std::size_t i = 0; i < n; ++i) {
          const double want = c.ref(static_cast<double>(da[i]), static_cast<double>(db[i]));
          const double span_ab = static_cast<double>(db[i]) - static_cast<double>(da[i]);
          if (c.max_ulp != 0 && std::fabs(span_ab) > std::numeric_limits<T>::max()) continue;  // b - a overflows T
          if (c.max_ulp == 0 || !std::isfinite(want)) {
            expect_close<T>(c.name, n, off, i, r[i], want, 0, zero_free);
          } else {  // lerp: cancellation makes the bound relative to the operands, not the result
            const double tol = static_cast<double>(c.max_ulp) * std::numeric_limits<T>::epsilon() *
                               (std::fabs(static_cast<double>(da[i])) + std::fabs(static_cast<double>(db[i])));
            ASSERT_LE(std::fabs(static_cast<double>(r[i]) - want), tol) << c.name << " n=" << n << " i=" << i;
          }
        }
        c.into(a.cspan(), b.cspan(), a.span());  // in place over a
        for (std::size_t i = 0; i < n; ++i)
          ASSERT_TRUE(same_value(a.cspan()[i], r[i])) << c.name << " in place, n=" << n << " i=" << i;
      }
    }
  }
}

class Elementwise : public BackendTest {};

TEST_P(Elementwise, UnaryFloat) { run_unary<float>(); }
TEST_P(Elementwise, UnaryDouble) { run_unary<double>(); }
TEST_P(Elementwise, BinaryFloat) { run_binary<float>(); }
TEST_P(Elementwise, BinaryDouble) { run_binary<double>(); }

template <class T>
void run_fma() {
  for (std::size_t n : test_sizes()) {
    for (std::size_t off : kOffsets) {
      const auto da = mixed_data<T>(n, 1u + static_cast<unsigned>(n));
      const auto db = mixed_data<T>(n, 2u + static_cast<unsigned>(n));
      auto dc = mixed_data<T>(n, 3u + static_cast<unsigned>(n));
      // Cancellation cases: c = -(a*b) rounded, where an unfused a*b+c is wrong by far more.
      for (std::size_t i = 0; i < n; i += 4) dc[i] = -(da[i] * db[i]);
      Misaligned<T> a(da, off), b(db, off), c(dc, off);
      const Vector<T> r = trueno::fma(a.cspan(), b.cspan(), c.cspan());
      for (std::size_t i = 0; i < n; ++i) {
        const double want =
            std::fma(static_cast<double>(da[i]), static_cast<double>(db[i]), static_cast<double>(dc[i]));
        // float: the double fma rounded to float can differ from the true fused float result
        // only by a double-rounding tie: 1 ULP. double: std::fma is the exact reference.
        expect_close<T>("fma", n, off, i, r[i], want, sizeof(T) == 4 ? 1 : 0, false);
      }
    }
  }
}
TEST_P(Elementwise, FmaFloat) { run_fma<float>(); }
TEST_P(Elementwise, FmaDouble) { run_fma<double>(); }

TEST_P(Elementwise, LerpEndpointsExact) {
  const auto a = uniform<float>(100, -1e3, 1e3, 5), b = uniform<float>(100, -1e3, 1e3, 6);
  const auto r0 = trueno::lerp(std::span<const float>(a), std::span<const float>(b), 0.0f);
  const auto r1 = trueno::lerp(std::span<const float>(a), std::span<const float>(b), 1.0f);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(r0[i], a[i]);
    EXPECT_EQ(r1[i], b[i]);
  }
}

TEST_P(Elementwise, RoundHalfToEvenLikeNumpy) {
  const std::vector<float> x = {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 3.5f, 4.5f, 0.49999997f, 8388607.5f};
  const std::vector<float> want = {0.0f, 2.0f, 2.0f, -0.0f, -2.0f, -2.0f, 4.0f, 4.0f, 0.0f, 8388608.0f};
  const auto r = trueno::round(std::span<const float>(x));
  for (std::size_t i = 0; i < x.size(); ++i) EXPECT_TRUE(same_value(r[i], want[i])) << x[i] << " -> " << r[i];
}

// Outputs past the cache-bypass threshold use non-temporal stores after a partial head that
// aligns the destination: forced for every size here, results must equal the plain path's.
TEST_P(Elementwise, StreamingStoresGiveTheSameResults) {
  for (std::size_t n : {1u, 2u, 15u, 17u, 100u, 129u, 4099u}) {
    for (std::size_t off : kOffsets) {
      const auto a = mixed_data<float>(n, 5 + static_cast<unsigned>(n)), b = mixed_data<float>(n, 6);
      Misaligned<float> x(a, off), y(b, (off + 2) % 4), o1(a, (off + 1) % 4), o2(a, (off + 1) % 4);
      cpu::set_stream_threshold_bytes(SIZE_MAX);
      trueno::add(x.cspan(), y.cspan(), o1.span());
      const auto f1 = trueno::fma(x.cspan(), y.cspan(), x.cspan());
      const auto s1 = trueno::sqrt(x.cspan());
      cpu::set_stream_threshold_bytes(0);
      trueno::add(x.cspan(), y.cspan(), o2.span());
      const auto f2 = trueno::fma(x.cspan(), y.cspan(), x.cspan());
      const auto s2 = trueno::sqrt(x.cspan());
      Misaligned<float> in_place(a, off);
      trueno::sqrt(in_place.cspan(), in_place.span());
      cpu::reset_stream_threshold();
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_TRUE(same_value(o1.cspan()[i], o2.cspan()[i])) << n << " " << off << " " << i;
        ASSERT_TRUE(same_value(f1[i], f2[i]));
        ASSERT_TRUE(same_value(s1[i], s2[i]));
        ASSERT_TRUE(same_value(in_place.cspan()[i], s1[i]));
      }
    }
  }
}

TEST_P(Elementwise, Errors) {
  const std::vector<float> a(5), b(4);
  std::vector<float> out(5), short_out(4);
  using S = std::span<const float>;
  EXPECT_THROW(trueno::add(S(a), S(b)), SizeMismatch);
  EXPECT_THROW(trueno::add(S(a), S(a), std::span<float>(short_out)), SizeMismatch);
  EXPECT_THROW(trueno::fma(S(a), S(a), S(b)), SizeMismatch);
  EXPECT_THROW(trueno::lerp(S(a), S(b), 0.5f), SizeMismatch);
  EXPECT_THROW(trueno::clamp(S(a), 2.0f, 1.0f), InvalidArgument);
  EXPECT_THROW(trueno::clamp(S(a), std::nanf(""), 1.0f), InvalidArgument);
  EXPECT_THROW(trueno::clip(S(a), 0.0f, std::nanf("")), InvalidArgument);
  std::vector<float> buf(10);
  EXPECT_THROW(trueno::abs(S(buf.data(), 5), std::span<float>(buf.data() + 2, 5)), InvalidArgument);
  try {
    trueno::add(S(a), S(b));
    FAIL() << "no exception";
  } catch (const SizeMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("add"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find('5'), std::string::npos);
    EXPECT_NE(std::string(e.what()).find('4'), std::string::npos);
  }
}

TRUENO_INSTANTIATE_BACKENDS(Elementwise);

}  // namespace
}  // namespace trueno::test
