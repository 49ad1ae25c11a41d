// test_math_exhaustive.cpp: the float32 accuracy proof: every one of the 2^32 float inputs of
// every unary math function / activation, on the scalar backend and the machine's best, against
// the double-precision oracle rounded to float. CTest label `exhaustive`.
//
// Knobs (environment):
//   TRUENO_EXHAUSTIVE_BACKENDS  comma list (scalar,sse2,avx2,avx512,neon) or "all";
//                               default: scalar and the best available backend
//   TRUENO_EXHAUSTIVE_FUNCS     comma list of function names, or "all"; default: all but the
//                               double-only ones (trig, inverse trig, hyperbolic, cbrt, pow), whose
//                               float bound follows from their double one (see math_cases.hpp)
//   TRUENO_EXHAUSTIVE_STRIDE    test every k-th bit pattern (default 1 = all 2^32; for quick runs)
//   TRUENO_EXHAUSTIVE_THREADS   worker threads (default: hardware_concurrency)
// Design for speed: 64K inputs per kernel call, the oracle computed once per input and shared by
// all backends, blocks handed out to threads from an atomic counter.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <bit>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

#include "support/math_cases.hpp"
#include "support/test_support.hpp"

namespace trueno::test {
namespace {

std::uint64_t env_u64(const char* name, std::uint64_t dflt) {
  const char* e = std::getenv(name);
  return e ? std::strtoull(e, nullptr, 10) : dflt;
}

struct Worst {
  std::uint64_t ulp = 0;
  float x = 0, got = 0, want = 0;
  std::uint64_t over = 0;  // inputs above the bound
};

class Exhaustive : public ::testing::TestWithParam<std::string> {};

TEST_P(Exhaustive, AllFloats) {
  const MathCase& c = math_case(GetParam());
  if (!selected_function(c.name, c.double_only)) GTEST_SKIP() << "not selected by TRUENO_EXHAUSTIVE_FUNCS";
  const auto backends = long_run_backends();
  const std::uint64_t stride = std::max<std::uint64_t>(1, env_u64("TRUENO_EXHAUSTIVE_STRIDE", 1));
  const unsigned threads =
      static_cast<unsigned>(env_u64("TRUENO_EXHAUSTIVE_THREADS", std::max(1u, std::thread::hardware_concurrency())));
  constexpr std::uint64_t kBlock = 1 << 16;
  const std::uint64_t total = ((std::uint64_t{1} << 32) + stride - 1) / stride;  // inputs tested
  const std::uint64_t blocks = (total + kBlock - 1) / kBlock;

  std::atomic<std::uint64_t> next{0};
  std::mutex mu;
  std::vector<Worst> worst(backends.size());
  const auto t0 = std::chrono::steady_clock::now();
  auto work = [&] {
    std::vector<float> x(kBlock), want(kBlock), got(kBlock);
    std::vector<Worst> local(backends.size());
    for (std::uint64_t b; (b = next.fetch_add(1)) < blocks;) {
      const std::uint64_t first = b * kBlock, n = std::min(kBlock, total - first);
      for (std::uint64_t i = 0; i < n; ++i)
        x[i] = std::bit_cast<float>(static_cast<std::uint32_t>((first + i) * stride));
      // A block of one sign is an interval; where the function is monotone on it and the
      // rounded oracle agrees at both ends, it is that value throughout (rounding is monotone).
      const float lo = std::min(x[0], x[n - 1]), hi = std::max(x[0], x[n - 1]);
      const bool monotone = !c.periodic && !std::isnan(x[0]) && !std::isnan(x[n - 1]) &&
                            std::signbit(x[0]) == std::signbit(x[n - 1]) &&
                            !(c.turn >= lo - 0.01 && c.turn <= hi + 0.01);
      const float ra = reference(c, lo);
      if (monotone && same_value(ra, reference(c, hi)))
        std::fill_n(want.begin(), n, ra);
      else
        for (std::uint64_t i = 0; i < n; ++i) want[i] = reference(c, x[i]);
      for (std::size_t k = 0; k < backends.size(); ++k) {
        ScopedBackend scope(backends[k]);
        c.f32(std::span<const float>(x.data(), n), std::span<float>(got.data(), n));
        for (std::uint64_t i = 0; i < n; ++i) {
          if (std::bit_cast<std::uint32_t>(got[i]) == std::bit_cast<std::uint32_t>(want[i])) continue;  // fast path
          const std::uint64_t d = math_ulp(got[i], want[i]);
          if (d > c.bound_f32()) ++local[k].over;
          if (d > local[k].ulp) local[k] = {d, x[i], got[i], want[i], local[k].over};
        }
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    for (std::size_t k = 0; k < backends.size(); ++k) {
      const std::uint64_t over = worst[k].over + local[k].over;
      if (local[k].ulp > worst[k].ulp) worst[k] = local[k];
      worst[k].over = over;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  for (std::size_t k = 0; k < backends.size(); ++k) {
    const Worst& w = worst[k];
    std::printf(
        "[exhaustive] %-12s %-7s max_ulp %llu (bound %llu) at x=%a got %a want %a; over bound: %llu; %llu inputs, %.1f "
        "s\n",
        c.name.c_str(), std::string(backend_name(backends[k])).c_str(), static_cast<unsigned long long>(w.ulp),
        static_cast<unsigned long long>(c.bound_f32()), static_cast<double>(w.x), static_cast<double>(w.got),
        static_cast<double>(w.want), static_cast<unsigned long long>(w.over), static_cast<unsigned long long>(total),
        secs);
    EXPECT_LE(w.ulp, c.bound_f32()) << c.name << " on " << backend_name(backends[k]) << " at x = " << w.x;
  }
}

INSTANTIATE_TEST_SUITE_P(, Exhaustive, ::testing::ValuesIn(math_case_names()),
                         [](const ::testing::TestParamInfo<std::string>& i) { return i.param; });

}  // namespace
}  // namespace trueno::test
