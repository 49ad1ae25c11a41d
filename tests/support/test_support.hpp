// test_support.hpp: shared test machinery: the per-backend fixture, sizes and misalignments,
// deterministic data with special values, and ULP distances.
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <random>
#include <span>
#include <algorithm>
#include <string>
#include <vector>

#include "trueno/backend.hpp"

namespace trueno::test {

/// Every compiled backend; a test on one the CPU lacks is skipped visibly.
inline std::vector<Backend> backends_under_test() { return compiled_backends(); }

inline std::string backend_param_name(const ::testing::TestParamInfo<Backend>& info) {
  return std::string(backend_name(info.param));
}

/// Fixture: runs the test body with the parameter backend forced on this thread.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!backend_available(GetParam())) {
      GTEST_SKIP() << "this CPU cannot run the " << backend_name(GetParam()) << " backend";
    }
    scope_ = std::make_unique<ScopedBackend>(GetParam());
  }
  void TearDown() override { scope_.reset(); }

 private:
  std::unique_ptr<ScopedBackend> scope_;
};

#define TRUENO_INSTANTIATE_BACKENDS(Suite)                                                      \
  INSTANTIATE_TEST_SUITE_P(, Suite, ::testing::ValuesIn(::trueno::test::backends_under_test()), \
                           ::trueno::test::backend_param_name)

/// Largest size tests use; TRUENO_TEST_MAX_N lowers it (emulated CPUs are ~50x slower).
inline std::size_t max_test_size() {
  static const std::size_t n = [] {
    const char* e = std::getenv("TRUENO_TEST_MAX_N");
    return e ? static_cast<std::size_t>(std::strtoull(e, nullptr, 10)) : std::size_t{1} << 20;
  }();
  return n;
}

/// Sizes around every register width (W = 1, 2, 4, 8, 16: W-1, W, W+1, 3W+2), a prime beyond
/// the unrolled loops and the reduction leaves, and 1 << 20.
inline std::vector<std::size_t> test_sizes() {
  std::vector<std::size_t> s = {0, 1, 2, 3, 4, 5, 7, 8, 9, 14, 15, 16, 17, 26, 31, 32, 33, 50, 64, 65, 129, 4099};
  if (max_test_size() >= (std::size_t{1} << 20))
    s.push_back(std::size_t{1} << 20);
  else
    s.push_back(max_test_size());
  return s;
}

/// Misalignments, in elements, applied to every operand start.
inline constexpr std::size_t kOffsets[] = {0, 1, 3};

/// n values uniformly in [lo, hi), reproducible from seed.
template <class T>
std::vector<T> uniform(std::size_t n, double lo, double hi, unsigned seed) {
  std::mt19937_64 g(seed);
  std::uniform_real_distribution<double> d(lo, hi);
  std::vector<T> v(n);
  for (auto& x : v) x = static_cast<T>(d(g));
  return v;
}

/// IEEE special values of T: NaN, +-inf, +-0, +-denormals, +-max, +-min normal, values at
/// rounding ties and near integers.
template <class T>
std::vector<T> special_values() {
  using L = std::numeric_limits<T>;
  return {L::quiet_NaN(),
          -L::quiet_NaN(),
          L::infinity(),
          -L::infinity(),
          T(0),
          -T(0),
          L::denorm_min(),
          -L::denorm_min(),
          L::min(),
          -L::min(),
          L::max(),
          -L::max(),
          L::min() / T(3),
          T(0.5),
          T(-0.5),
          T(1.5),
          T(-1.5),
          T(2.5),
          T(-2.5),
          T(1),
          T(-1),
          T(0.49999997),
          T(-0.49999997),
          std::nextafter(T(1), T(2)),
          std::nextafter(T(-1), T(-2)),
          T(1) / L::epsilon(),
          -T(1) / L::epsilon(),
          T(1) / L::epsilon() + T(0.5),
          T(3) / L::epsilon(),
          T(1e30),
          T(-1e30),
          T(123456.5),
          T(-7.25)};
}

// Random values in [-100, 100], with every 5th element replaced by a special value and every
// 3rd snapped to a multiple of 0.5 (rounding ties).
template <class T>
std::vector<T> mixed_data(std::size_t n, unsigned seed) {
  auto v = uniform<T>(n, -100.0, 100.0, seed);
  const auto sp = special_values<T>();
  for (std::size_t i = 0; i < n; ++i) {
    if (i % 5 == 2)
      v[i] = sp[(i / 5 + seed) % sp.size()];
    else if (i % 3 == 1)
      v[i] = static_cast<T>(std::round(static_cast<double>(v[i]) * 2.0) / 2.0);
  }
  return v;
}

/// Distance in units in the last place between a and b (0 when equal, +-0 equal; NaN vs NaN is
/// 0; NaN vs number is huge).
template <class T>
std::uint64_t ulp_distance(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return (std::isnan(a) && std::isnan(b)) ? 0 : ~std::uint64_t{0};
  if (a == b) return 0;
  using U = std::conditional_t<sizeof(T) == 4, std::int32_t, std::int64_t>;
  auto ordered = [](T x) {
    const U i = std::bit_cast<U>(x);
    return i < 0 ? static_cast<std::int64_t>(std::numeric_limits<U>::min()) - static_cast<std::int64_t>(i)
                 : static_cast<std::int64_t>(i);
  };
  const std::int64_t d = ordered(a) - ordered(b);
  return static_cast<std::uint64_t>(d < 0 ? -d : d);
}

/// a and b are the same IEEE value: bit-identical except that any NaN equals any NaN.
template <class T>
bool same_value(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::bit_cast<std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>(a) ==
         std::bit_cast<std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>(b);
}

/// A copy of v placed `offset` elements past a 64-byte boundary, so kernels see misaligned
/// starts; the span views exactly v.size() elements.
template <class T>
class Misaligned {
 public:
  Misaligned(const std::vector<T>& v, std::size_t offset) : buf_(v.size() + offset + 64 / sizeof(T)) {
    auto addr = reinterpret_cast<std::uintptr_t>(buf_.data());
    const std::size_t skip = ((64 - addr % 64) % 64) / sizeof(T) + offset;
    ptr_ = buf_.data() + skip;
    std::copy(v.begin(), v.end(), ptr_);
    n_ = v.size();
  }
  std::span<const T> cspan() const { return {ptr_, n_}; }
  std::span<T> span() { return {ptr_, n_}; }

 private:
  std::vector<T> buf_;
  T* ptr_;
  std::size_t n_;
};

}  // namespace trueno::test
