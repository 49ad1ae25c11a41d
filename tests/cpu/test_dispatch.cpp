// test_dispatch.cpp: backend selection: detection once, forced backends really run, forcing an
// unavailable one throws, TRUENO_BACKEND, thread-local scoping.
#include <gtest/gtest.h>

#include <type_traits>

#include <cstdlib>
#include <thread>

#include "cpu/dispatch.hpp"
#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

constexpr Backend kAllBackends[] = {Backend::scalar, Backend::sse2, Backend::avx2, Backend::avx512, Backend::neon};

TEST(Dispatch, DetectionHappensOnce) {
  const std::vector<float> x(1000, 1.0f);
  for (int i = 0; i < 100; ++i) {
    (void)trueno::sum(std::span<const float>(x));
    (void)trueno::add(std::span<const float>(x), std::span<const float>(x));
    (void)available_backends();
  }
  EXPECT_EQ(cpu::detection_count(), 1u);
}

TEST(Dispatch, BestBackendIsTheDefault) {
  ::unsetenv("TRUENO_BACKEND");
  reset_backend();
  EXPECT_EQ(active_backend(), best_backend());
  // The runner of the emulated-CPU suites says which backend the emulated CPU must get.
  if (const char* want = std::getenv("TRUENO_EXPECT_BEST")) EXPECT_EQ(backend_name(best_backend()), want);
#if defined(__x86_64__)
  EXPECT_TRUE(backend_available(Backend::sse2));
#elif defined(__aarch64__)
  EXPECT_EQ(best_backend(), Backend::neon);
#endif
}

// The table a call uses is the forced backend's own (distinct functions per backend; the ISA
// audit checks each backend's functions contain that ISA's instructions).
TEST(Dispatch, ForcedBackendIsTheOneRunning) {
  for (Backend b : available_backends()) {
    ScopedBackend scope(b);
    EXPECT_EQ(active_backend(), b);
    const cpu::KernelTable& t = cpu::kernels();
    EXPECT_EQ(t.backend, b);
    EXPECT_EQ(t.listed_f32[BinaryOp::add], cpu::compiled_table(b)->listed_f32[BinaryOp::add]);
    EXPECT_EQ(t.red_f64.sum, cpu::compiled_table(b)->red_f64.sum);
    for (Backend other : available_backends())
      if (other != b) EXPECT_NE(t.listed_f32[BinaryOp::add], cpu::compiled_table(other)->listed_f32[BinaryOp::add]);
  }
}

TEST(Dispatch, UnavailableBackendThrows) {
  for (Backend b : kAllBackends) {
    if (backend_available(b)) {
      EXPECT_NO_THROW(set_backend(b));
      EXPECT_EQ(active_backend(), b);
    } else {
      EXPECT_THROW(set_backend(b), BackendUnavailable) << backend_name(b);
      EXPECT_THROW(ScopedBackend s(b), BackendUnavailable) << backend_name(b);
    }
  }
  reset_backend();
  EXPECT_EQ(active_backend(), best_backend());
}

TEST(Dispatch, EnvironmentVariable) {
  for (Backend b : available_backends()) {
    ::setenv("TRUENO_BACKEND", std::string(backend_name(b)).c_str(), 1);
    reset_backend();
    EXPECT_EQ(active_backend(), b);
  }
  ::setenv("TRUENO_BACKEND", "avx1024", 1);
  reset_backend();
  EXPECT_THROW((void)active_backend(), BackendUnavailable);
  const std::vector<float> x(4, 1.0f);
  EXPECT_THROW((void)trueno::sum(std::span<const float>(x)), BackendUnavailable);
  for (Backend b : kAllBackends) {
    if (backend_available(b)) continue;
    ::setenv("TRUENO_BACKEND", std::string(backend_name(b)).c_str(), 1);
    reset_backend();
    EXPECT_THROW((void)active_backend(), BackendUnavailable) << backend_name(b);
  }
  ::unsetenv("TRUENO_BACKEND");
  reset_backend();
  EXPECT_EQ(active_backend(), best_backend());
}

TEST(Dispatch, ScopedOverrideIsPerThreadAndNests) {
  reset_backend();
  const Backend best = best_backend();
  {
    ScopedBackend outer(Backend::scalar);
    EXPECT_EQ(active_backend(), Backend::scalar);
    Backend seen_by_other = Backend::scalar;
    std::thread([&] { seen_by_other = active_backend(); }).join();
    EXPECT_EQ(seen_by_other, best);
    {
      ScopedBackend inner(best);
      EXPECT_EQ(active_backend(), best);
    }
    EXPECT_EQ(active_backend(), Backend::scalar);
  }
  EXPECT_EQ(active_backend(), best);
}

TEST(Dispatch, Devices) {
  const auto devices = available_devices();
  ASSERT_FALSE(devices.empty());
  EXPECT_EQ(devices.front(), Device::cpu);
  EXPECT_EQ(device_name(Device::cpu), "cpu");
  EXPECT_EQ(device_name(Device::cuda), "cuda");
  static_assert(std::is_same_v<Backend, Isa>, "the CPU backend is its ISA");
}

TEST(Dispatch, Names) {
  for (Backend b : kAllBackends) EXPECT_EQ(parse_backend(backend_name(b)), b);
  EXPECT_FALSE(parse_backend("AVX2").has_value());
  EXPECT_FALSE(compiled_backends().empty());
  EXPECT_EQ(compiled_backends().front(), Backend::scalar);
}

}  // namespace
}  // namespace trueno::test
