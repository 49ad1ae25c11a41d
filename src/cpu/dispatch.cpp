// dispatch.cpp: CPU feature detection (once, cached), the backend overrides and the lookup
// every operation does once per call.
#include "cpu/dispatch.hpp"

#include <atomic>
#include <cstdint>
#include <thread>
#include <unistd.h>
#include <cstdlib>
#include <string>

#include "trueno/error.hpp"

#if defined(__x86_64__) || defined(_M_X64)
#include <cpuid.h>
#endif

namespace trueno::cpu {
namespace {

struct CpuFeatures {
  bool sse2 = false;
  bool avx2 = false;    // AVX2 + FMA + BMI1/2, with the OS saving ymm state
  bool avx512 = false;  // F + BW + DQ + VL on top of avx2, with the OS saving zmm state
  bool neon = false;
};

std::atomic<std::size_t> g_detections{0};

CpuFeatures detect() noexcept {
  g_detections.fetch_add(1, std::memory_order_relaxed);
  CpuFeatures f;
#if defined(__x86_64__)
  unsigned a = 0, b = 0, c = 0, d = 0;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return f;
  f.sse2 = (d & bit_SSE2) != 0;
  const bool osxsave = (c & bit_OSXSAVE) != 0;
  const bool avx = (c & bit_AVX) != 0;
  const bool fma = (c & bit_FMA) != 0;
  unsigned long long xcr0 = 0;
  if (osxsave) {
    unsigned lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    xcr0 = (static_cast<unsigned long long>(hi) << 32) | lo;
  }
  const bool os_ymm = (xcr0 & 0x6) == 0x6;    // SSE and AVX state
  const bool os_zmm = (xcr0 & 0xe6) == 0xe6;  // + opmask, ZMM_Hi256, Hi16_ZMM
  unsigned b7 = 0;
  if (__get_cpuid_count(7, 0, &a, &b7, &c, &d)) {
    const bool avx2 = (b7 & (1u << 5)) != 0, bmi1 = (b7 & (1u << 3)) != 0, bmi2 = (b7 & (1u << 8)) != 0;
    const bool f512 = (b7 & (1u << 16)) != 0, dq = (b7 & (1u << 17)) != 0;
    const bool bw = (b7 & (1u << 30)) != 0, vl = (b7 & (1u << 31)) != 0;
    f.avx2 = avx && avx2 && fma && bmi1 && bmi2 && os_ymm;
    f.avx512 = f.avx2 && f512 && dq && bw && vl && os_zmm;
  }
#elif defined(__aarch64__)
  f.neon = true;  // Advanced SIMD is mandatory in the AArch64 Linux ABI
#endif
  return f;
}

const CpuFeatures& features() noexcept {
  static const CpuFeatures f = detect();  // thread-safe, once per process
  return f;
}

std::atomic<const KernelTable*> g_global{nullptr};
thread_local const KernelTable* t_override = nullptr;

// TRUENO_BACKEND if set (throws if it names a backend this machine cannot run), else the best.
const KernelTable& default_table() {
  if (const char* env = std::getenv("TRUENO_BACKEND"); env != nullptr && *env != '\0') {
    const auto b = parse_backend(env);
    if (!b) {
      throw BackendUnavailable(std::string("TRUENO_BACKEND=") + env +
                               ": unknown backend (expected scalar, sse2, avx2, avx512 or neon)");
    }
    return require_table(*b, "TRUENO_BACKEND");
  }
  return *compiled_table(best_backend());
}

}  // namespace

const KernelTable* compiled_table(Backend b) noexcept {
  switch (b) {
    case Backend::scalar:
      return scalar_table();
#if defined(TRUENO_HAVE_SSE2)
    case Backend::sse2:
      return sse2_table();
#endif
#if defined(TRUENO_HAVE_AVX2)
    case Backend::avx2:
      return avx2_table();
#endif
#if defined(TRUENO_HAVE_AVX512)
    case Backend::avx512:
      return avx512_table();
#endif
#if defined(TRUENO_HAVE_NEON)
    case Backend::neon:
      return neon_table();
#endif
    default:
      return nullptr;
  }
}

bool cpu_supports(Backend b) noexcept {
  const CpuFeatures& f = features();
  switch (b) {
    case Backend::scalar:
      return true;
    case Backend::sse2:
      return f.sse2;
    case Backend::avx2:
      return f.avx2;
    case Backend::avx512:
      return f.avx512;
    case Backend::neon:
      return f.neon;
  }
  return false;
}

namespace {
std::size_t measured_stream_threshold() noexcept {
  if (const char* e = std::getenv("TRUENO_STREAM_BYTES"); e != nullptr && *e != '\0')
    return static_cast<std::size_t>(std::strtoull(e, nullptr, 10));
#if defined(_SC_LEVEL3_CACHE_SIZE)
  const long l3 = sysconf(_SC_LEVEL3_CACHE_SIZE);
  const unsigned threads = std::thread::hardware_concurrency();
  if (l3 > 0 && threads > 0) {
    const std::size_t share = static_cast<std::size_t>(l3) / threads * 3 / 4;
    return share > (std::size_t{1} << 20) ? share : (std::size_t{1} << 20);
  }
#endif
  return SIZE_MAX;  // unknown cache: never bypass it
}
std::atomic<std::size_t> g_stream_threshold{0};  // 0: not yet computed
std::atomic<bool> g_stream_forced{false};
}  // namespace

std::size_t stream_threshold_bytes() noexcept {
  if (g_stream_forced.load(std::memory_order_relaxed)) return g_stream_threshold.load(std::memory_order_relaxed);
  static const std::size_t measured = measured_stream_threshold();
  return measured;
}

void set_stream_threshold_bytes(std::size_t bytes) noexcept {
  g_stream_threshold.store(bytes, std::memory_order_relaxed);
  g_stream_forced.store(true, std::memory_order_relaxed);
}

void reset_stream_threshold() noexcept { g_stream_forced.store(false, std::memory_order_relaxed); }

std::size_t detection_count() noexcept { return g_detections.load(std::memory_order_relaxed); }

const KernelTable& require_table(Backend b, const char* who) {
  const KernelTable* t = compiled_table(b);
  if (t == nullptr) {
    throw BackendUnavailable(std::string(who) + ": backend '" + std::string(backend_name(b)) +
                             "' is not compiled into this build");
  }
  if (!cpu_supports(b)) {
    throw BackendUnavailable(std::string(who) + ": backend '" + std::string(backend_name(b)) +
                             "' is not supported by this CPU");
  }
  return *t;
}

const KernelTable& kernels() {
  if (const KernelTable* t = t_override) return *t;
  if (const KernelTable* g = g_global.load(std::memory_order_acquire)) return *g;
  const KernelTable& d = default_table();
  const KernelTable* expected = nullptr;
  g_global.compare_exchange_strong(expected, &d, std::memory_order_acq_rel);
  return *g_global.load(std::memory_order_acquire);
}

const KernelTable* thread_override() noexcept { return t_override; }
void set_thread_override(const KernelTable* t) noexcept { t_override = t; }
void set_global(const KernelTable* t) noexcept { g_global.store(t, std::memory_order_release); }

}  // namespace trueno::cpu
