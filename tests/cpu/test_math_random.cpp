// test_math_random.cpp: the float64 accuracy check: every math function and activation on
// random doubles over all exponents (random bit patterns, the range [-40, 40], and magnitudes
// 2^[-40, 40]) plus the edge cases, against the long double oracle, on the scalar backend and
// the best one (threads over hardware_concurrency). TRUENO_F64_SAMPLES sets the count per
// function (default 10^6; the registration labelled `long`, -DTRUENO_LONG_TESTS=ON, runs 10^8);
// TRUENO_EXHAUSTIVE_BACKENDS / TRUENO_EXHAUSTIVE_FUNCS select as in test_math_exhaustive.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>

#include "support/math_cases.hpp"
#include "support/test_support.hpp"

namespace trueno::test {
namespace {

void fill(std::vector<double>& x, std::uint64_t seed) {
  std::mt19937_64 g(seed);
  std::uniform_real_distribution<double> mid(-40.0, 40.0), ex(-40.0, 40.0);
  for (std::size_t i = 0; i < x.size(); ++i) {
    switch (i % 3) {
      case 0:
        x[i] = std::bit_cast<double>(g());
        break;
      case 1:
        x[i] = mid(g);
        break;
      default:
        x[i] = std::copysign(std::exp2(ex(g)), static_cast<double>(g() & 1) - 0.5);
        break;
    }
  }
}

class MathRandom : public ::testing::TestWithParam<std::string> {};

TEST_P(MathRandom, Float64) {
  const MathCase& c = math_case(GetParam());
  if (!selected_function(c.name, false)) GTEST_SKIP();
  const char* e = std::getenv("TRUENO_F64_SAMPLES");
  const std::uint64_t total = e ? std::strtoull(e, nullptr, 10) : 1000000;
  const auto backends = long_run_backends();
  constexpr std::uint64_t kBlock = 1 << 14;
  const std::uint64_t blocks = (total + kBlock - 1) / kBlock;
  std::atomic<std::uint64_t> next{0};
  std::mutex mu;
  std::vector<std::uint64_t> worst(backends.size(), 0);
  std::vector<double> worst_x(backends.size(), 0);
  auto work = [&] {
    std::vector<double> x(kBlock), want(kBlock), got(kBlock);
    for (std::uint64_t b; (b = next.fetch_add(1)) < blocks;) {
      fill(x, b * 7919 + std::hash<std::string>{}(c.name));
      if (b == 0) {  // the edge cases ride along in the first block
        const auto sp = special_values<double>();
        std::copy(sp.begin(), sp.end(), x.begin());
      }
      for (std::size_t i = 0; i < kBlock; ++i) want[i] = reference(c, x[i]);
      for (std::size_t k = 0; k < backends.size(); ++k) {
        ScopedBackend scope(backends[k]);
        c.f64(x, got);
        for (std::size_t i = 0; i < kBlock; ++i) {
          const std::uint64_t d = math_ulp(got[i], want[i]);
          if (d > worst[k]) {
            std::lock_guard<std::mutex> lock(mu);
            if (d > worst[k]) worst[k] = d, worst_x[k] = x[i];
          }
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < std::max(1u, std::thread::hardware_concurrency()); ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  for (std::size_t k = 0; k < backends.size(); ++k) {
    std::printf("[f64 random] %-12s %-7s max_ulp %llu (bound %llu) at x=%a; %llu samples\n", c.name.c_str(),
                std::string(backend_name(backends[k])).c_str(), static_cast<unsigned long long>(worst[k]),
                static_cast<unsigned long long>(c.bound_f64()), worst_x[k],
                static_cast<unsigned long long>(blocks * kBlock));
    EXPECT_LE(worst[k], c.bound_f64()) << c.name << " on " << backend_name(backends[k]) << " at x = " << worst_x[k];
  }
}

INSTANTIATE_TEST_SUITE_P(, MathRandom, ::testing::ValuesIn(math_case_names()),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

}  // namespace
}  // namespace trueno::test
