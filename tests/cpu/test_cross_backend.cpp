// test_cross_backend.cpp: every backend diffed against every other on the same data: the
// exact ops must agree bit for bit, the reductions within their documented bounds.
#include <gtest/gtest.h>

#include <functional>

#include "reference/reference.hpp"
#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

template <class T>
void exact_ops_agree() {
  using S = std::span<const T>;
  const std::vector<std::pair<const char*, std::function<Vector<T>(S, S)>>> ops = {
      {"add", [](S a, S b) { return trueno::add(a, b); }},
      {"sub", [](S a, S b) { return trueno::sub(a, b); }},
      {"mul", [](S a, S b) { return trueno::mul(a, b); }},
      {"div", [](S a, S b) { return trueno::div(a, b); }},
      {"minimum", [](S a, S b) { return trueno::minimum(a, b); }},
      {"maximum", [](S a, S b) { return trueno::maximum(a, b); }},
      {"copysign", [](S a, S b) { return trueno::copysign(a, b); }},
      {"fma", [](S a, S b) { return trueno::fma(a, b, a); }},
      {"sqrt", [](S a, S) { return trueno::sqrt(a); }},
      {"recip", [](S a, S) { return trueno::recip(a); }},
      {"round", [](S a, S) { return trueno::round(a); }},
      {"floor", [](S a, S) { return trueno::floor(a); }},
      {"ceil", [](S a, S) { return trueno::ceil(a); }},
      {"trunc", [](S a, S) { return trueno::trunc(a); }},
      {"fract", [](S a, S) { return trueno::fract(a); }},
      {"signum", [](S a, S) { return trueno::signum(a); }},
      {"abs", [](S a, S) { return trueno::abs(a); }},
      {"clamp", [](S a, S) { return trueno::clamp(a, T(-5), T(5)); }},
  };
  const std::size_t n = 5003;
  const auto a = mixed_data<T>(n, 1), b = mixed_data<T>(n, 2);
  for (const auto& [name, op] : ops) {
    Vector<T> ref;
    {
      ScopedBackend s(Backend::scalar);
      ref = op(a, b);
    }
    for (Backend be : available_backends()) {
      ScopedBackend s(be);
      const Vector<T> r = op(a, b);
      for (std::size_t i = 0; i < n; ++i) {
        // sse2's float fma goes through double: a double-rounding tie may differ by 1 ULP.
        const bool fma_sse2 = std::string(name) == "fma" && be == Backend::sse2 && sizeof(T) == 4;
        if (fma_sse2)
          ASSERT_LE(ulp_distance(r[i], ref[i]), 1u) << name << " " << backend_name(be) << " i=" << i;
        else
          ASSERT_TRUE(same_value(r[i], ref[i]))
              << name << " " << backend_name(be) << " i=" << i << ": " << r[i] << " vs scalar " << ref[i];
      }
    }
  }
}
TEST(CrossBackend, ExactOpsBitIdenticalFloat) { exact_ops_agree<float>(); }
TEST(CrossBackend, ExactOpsBitIdenticalDouble) { exact_ops_agree<double>(); }

template <class T>
void reductions_agree() {
  const std::size_t n = 100003;
  const auto a = uniform<T>(n, -1.0, 1.0, 3), b = uniform<T>(n, -1.0, 1.0, 4);
  const std::span<const T> sa(a), sb(b);
  const double mag = static_cast<double>(ref::sum(sa).abs_total());
  const double tol = (sizeof(T) == 4 ? 0x1p-22 : 0x1p-47) * mag;
  ScopedBackend s0(Backend::scalar);
  const double sum0 = trueno::sum(sa), dot0 = trueno::dot(sa, sb), var0 = trueno::variance(sa);
  const std::size_t am0 = trueno::argmax(sa);
  for (Backend be : available_backends()) {
    ScopedBackend s(be);
    EXPECT_NEAR(trueno::sum(sa), sum0, tol) << backend_name(be);
    EXPECT_NEAR(trueno::dot(sa, sb), dot0, tol) << backend_name(be);
    EXPECT_NEAR(trueno::variance(sa), var0, var0 * (sizeof(T) == 4 ? 1e-6 : 1e-13)) << backend_name(be);
    EXPECT_EQ(trueno::argmax(sa), am0) << backend_name(be);
  }
}
TEST(CrossBackend, ReductionsWithinBoundsFloat) { reductions_agree<float>(); }
TEST(CrossBackend, ReductionsWithinBoundsDouble) { reductions_agree<double>(); }

}  // namespace
}  // namespace trueno::test
