// parallel.cpp: the thread count, the thresholds and the one shared OpenMP pool.
#include "parallel/parallel.hpp"

#include <atomic>
#include <cstdlib>

#include "trueno/threads.hpp"

#if defined(TRUENO_PARALLEL)
#include <omp.h>
#endif

namespace trueno {
namespace {

std::atomic<std::size_t> g_requested{0};  // 0: default

std::size_t default_threads() noexcept {
#if defined(TRUENO_PARALLEL)
  static const std::size_t n = [] {
    if (const char* e = std::getenv("TRUENO_NUM_THREADS"); e != nullptr && *e != '\0') {
      const long v = std::strtol(e, nullptr, 10);
      if (v >= 1) return static_cast<std::size_t>(v);
    }
    const int m = omp_get_max_threads();
    return static_cast<std::size_t>(m > 0 ? m : 1);
  }();
  return n;
#else
  return 1;
#endif
}

// One trueno call at a time owns the pool: concurrent calls from other user threads run on
// their own thread instead of multiplying the machine's threads.
std::atomic<bool> g_pool_busy{false};

}  // namespace

std::size_t num_threads() noexcept {
#if defined(TRUENO_PARALLEL)
  const std::size_t r = g_requested.load(std::memory_order_relaxed);
  return r != 0 ? r : default_threads();
#else
  return 1;
#endif
}

void set_num_threads(std::size_t n) noexcept { g_requested.store(n, std::memory_order_relaxed); }

bool parallel_enabled() noexcept {
#if defined(TRUENO_PARALLEL)
  return true;
#else
  return false;
#endif
}

namespace parallel {

namespace {
std::atomic<std::size_t> g_min_memory{0}, g_min_compute{0};  // 0: the default constant
}  // namespace

std::size_t min_per_thread(Cost cost) noexcept {
  const std::size_t v = (cost == Cost::memory ? g_min_memory : g_min_compute).load(std::memory_order_relaxed);
  return v != 0 ? v : (cost == Cost::memory ? kMinPerThreadMemory : kMinPerThreadCompute);
}

void set_min_per_thread(Cost cost, std::size_t elements) noexcept {
  (cost == Cost::memory ? g_min_memory : g_min_compute).store(elements, std::memory_order_relaxed);
}

std::size_t threads_for(std::size_t n, Cost cost) noexcept {
  const std::size_t min_per = min_per_thread(cost);
  if (n < 2 * min_per) return 1;
  const std::size_t by_size = n / min_per;
  const std::size_t t = num_threads();
  return by_size < t ? by_size : t;
}

void run_parts(std::size_t parts, FunctionRef<void(std::size_t)> body) {
#if defined(TRUENO_PARALLEL)
  bool expected = false;
  if (parts > 1 && !omp_in_parallel() &&
      g_pool_busy.compare_exchange_strong(expected, true, std::memory_order_acquire)) {
#pragma omp parallel for num_threads(static_cast<int>(parts)) schedule(static, 1)
    for (long i = 0; i < static_cast<long>(parts); ++i) body(static_cast<std::size_t>(i));
    g_pool_busy.store(false, std::memory_order_release);
    return;
  }
#endif
  for (std::size_t i = 0; i < parts; ++i) body(i);
}

}  // namespace parallel
}  // namespace trueno
