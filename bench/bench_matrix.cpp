// bench_matrix.cpp: Google Benchmark suite of the matrix ops on every available backend, with
// the hardware limits measured in the same run: matmul GFLOP/s and fraction of the backend's
// FMA (or mul+add) peak; GEMV against the read bandwidth and memcpy of the same bytes;
// transpose against memcpy; batched_matmul_4d; symmetric_eigen.
// Counters: GFLOPS, peak_frac (matmul), GBps, read_frac / memcpy_frac (memory-bound ops).
#include <benchmark/benchmark.h>
#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "trueno/trueno.hpp"

namespace {

using trueno::Backend;
// Thread CPU time, as Google Benchmark rates use: time stolen by other processes on this shared
// machine counts in neither the limits nor the results.
struct Clock {
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<Clock, duration>;
  static time_point now() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(duration(std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec));
  }
};

// ---- the limits, measured next to each benchmark ----------------------------------------------
// Peak float FLOP/s of one core for each backend's instruction mix: 24 independent chains
// (2 ports x 4 cycles latency x 3) of the widest multiply-add the backend uses.
template <class Step>
double flops_of(Step step, double flops_per_step, int reps) {
  double best = 0;
  for (int rep = 0; rep < reps; ++rep) {
    const auto t0 = Clock::now();
    const std::size_t steps = step(std::size_t{1} << 18);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    best = std::max(best, static_cast<double>(steps) * flops_per_step / s);
  }
  return best;
}

// Each loop: 24 accumulators a = a * x + y (x slightly below 1: no overflow, no denormals).
__attribute__((target("avx512f"))) std::size_t peak_avx512(std::size_t steps) {
  __m512 acc[24];
  const __m512 x = _mm512_set1_ps(0.999999f), y = _mm512_set1_ps(1e-7f);
#pragma GCC unroll 24
  for (int i = 0; i < 24; ++i) acc[i] = _mm512_set1_ps(1.0f + 0.01f * i);  // distinct: no merging
  for (std::size_t i = 0; i < steps; ++i)
#pragma GCC unroll 24
    for (auto& a : acc) a = _mm512_fmadd_ps(a, x, y);
#pragma GCC unroll 24
  for (auto& a : acc) benchmark::DoNotOptimize(a);
  return steps;
}
__attribute__((target("avx2,fma"))) std::size_t peak_avx2(std::size_t steps) {
  __m256 acc[24];
  const __m256 x = _mm256_set1_ps(0.999999f), y = _mm256_set1_ps(1e-7f);
#pragma GCC unroll 24
  for (int i = 0; i < 24; ++i) acc[i] = _mm256_set1_ps(1.0f + 0.01f * i);  // distinct: no merging
  for (std::size_t i = 0; i < steps; ++i)
#pragma GCC unroll 24
    for (auto& a : acc) a = _mm256_fmadd_ps(a, x, y);
#pragma GCC unroll 24
  for (auto& a : acc) benchmark::DoNotOptimize(a);
  return steps;
}
// SSE2 and scalar have no FMA: their peak is one multiply and one add per element.
std::size_t peak_sse2(std::size_t steps) {
  __m128 acc[24];
  const __m128 x = _mm_set1_ps(0.999999f), y = _mm_set1_ps(1e-7f);
#pragma GCC unroll 24
  for (int i = 0; i < 24; ++i) acc[i] = _mm_set1_ps(1.0f + 0.01f * i);  // distinct: no merging
  for (std::size_t i = 0; i < steps; ++i)
#pragma GCC unroll 24
    for (auto& a : acc) a = _mm_add_ps(_mm_mul_ps(a, x), y);
#pragma GCC unroll 24
  for (auto& a : acc) benchmark::DoNotOptimize(a);
  return steps;
}
__attribute__((optimize("no-tree-vectorize"))) std::size_t peak_scalar(std::size_t steps) {
  float acc[24];
#pragma GCC unroll 24
  for (int i = 0; i < 24; ++i) acc[i] = 1.0f + 0.01f * i;
  for (std::size_t i = 0; i < steps; ++i)
#pragma GCC unroll 24
    for (auto& a : acc) a = a * 0.999999f + 1e-7f;
#pragma GCC unroll 24
  for (auto& a : acc) benchmark::DoNotOptimize(a);
  return steps;
}

void set_flops(benchmark::State& st, double peak, double flops);

// Best of `reps` runs of ~3 ms each, on one core.
double peak_flops_1(Backend b, int reps) {
  switch (b) {
    case Backend::avx512:
      return flops_of(peak_avx512, 24.0 * 16 * 2, reps);
    case Backend::avx2:
      return flops_of(peak_avx2, 24.0 * 8 * 2, reps);
    case Backend::sse2:
      return flops_of(peak_sse2, 24.0 * 4 * 2, reps);
    default:
      return flops_of(peak_scalar, 24.0 * 2, reps);
  }
}

// With trueno using T > 1 threads (TRUENO_NUM_THREADS): the sum over T threads running the
// peak loop at the same time (all cores busy: the all-core frequency), and the threaded
// benchmarks report wall-clock rates.
std::size_t bench_threads() { return trueno::num_threads(); }
double peak_flops(Backend b, int reps = 5) {
  const std::size_t t = bench_threads();
  if (t <= 1) return peak_flops_1(b, reps);
  std::vector<double> rate(t);
  std::atomic<std::size_t> ready{0};
  auto body = [&](std::size_t i) {
    ready.fetch_add(1);
    while (ready.load() < t) {
    }
    rate[i] = peak_flops_1(b, reps);
  };
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < t; ++i) pool.emplace_back(body, i);
  body(0);
  for (auto& th : pool) th.join();
  double sum = 0;
  for (double r : rate) sum += r;
  return sum;
}

// Runs the benchmark loop between two peak measurements; reports GFLOPS and peak_frac. The
// peak loops are float; a double register holds half the lanes (elem_bytes 8: half the peak,
// except for scalar code, one element per instruction either way).
template <class F>
void run_flops(benchmark::State& st, Backend b, double flops, F body, std::size_t elem_bytes = 4) {
  const double before = peak_flops(b);
  for (auto _ : st) body();
  const double lanes = b == Backend::scalar ? 1.0 : 4.0 / static_cast<double>(elem_bytes);
  set_flops(st, std::max(before, peak_flops(b)) * lanes, flops);
}

// One read pass over n floats as 8 interleaved streams (a single stream is limited by how far
// the prefetchers run ahead of it; 8 streams reach the memory system's read bandwidth), in the
// widest registers the CPU has (AVX-512, else AVX2).
// V: a register of floats; inlined into the target-specific wrappers below, so the generic
// vector code compiles to zmm (AVX-512) or ymm (AVX2) loads and adds.
typedef float F32x16 __attribute__((vector_size(64)));
typedef float F32x8 __attribute__((vector_size(32)));
template <class V>
[[gnu::always_inline]] inline float read_pass_regs(const float* p, std::size_t n) {
  constexpr std::size_t kBytes = sizeof(V), W = kBytes / sizeof(float);
  V acc[8] = {};
  const std::size_t part = n / 8 / W * W;
  for (std::size_t i = 0; i < part; i += W)
#pragma GCC unroll 8
    for (std::size_t u = 0; u < 8; ++u) {
      V v;
      std::memcpy(&v, p + u * part + i, kBytes);
      acc[u] += v;
    }
  for (int u = 1; u < 8; ++u) acc[0] += acc[u];
  float s = 0;
  for (std::size_t l = 0; l < W; ++l) s += acc[0][l];
  return s;
}
__attribute__((target("avx512f"))) float read_pass_avx512(const float* p, std::size_t n) {
  return read_pass_regs<F32x16>(p, n);
}
__attribute__((target("avx2"))) float read_pass_avx2(const float* p, std::size_t n) {
  return read_pass_regs<F32x8>(p, n);
}
float read_pass(const float* p, std::size_t n) {
  static const bool wide = __builtin_cpu_supports("avx512f");
  return wide ? read_pass_avx512(p, n) : read_pass_avx2(p, n);
}

// Rates (units per second) of `runs` runs of f.
template <class F>
std::vector<double> rates(F f, double units, int runs) {
  std::vector<double> r;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    f();
    benchmark::ClobberMemory();
    r.push_back(units / std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// A memory-bound benchmark's limits, measured on its own buffers just before and just after
// its timed loop: the median of those runs (the benchmark itself reports a mean, not a best)
// of a read pass and of memcpy of the operand's bytes.
struct MemoryLimits {
  std::vector<double> reads, copies;
  void measure(const float* src, float* dst, std::size_t n) {
    const double bytes = 4.0 * static_cast<double>(n);
    for (double r : rates([&] { benchmark::DoNotOptimize(read_pass(src, n)); }, bytes, 5)) reads.push_back(r);
    for (double r : rates([&] { std::memcpy(dst, src, 4 * n); }, bytes, 5)) copies.push_back(r);
  }
};

template <class T>
trueno::Matrix<T> random_matrix(std::size_t r, std::size_t c, unsigned seed) {
  auto m = trueno::Matrix<T>::uninitialized(r, c);
  std::uint32_t x = seed * 2654435761u + 1;
  for (auto& v : m.span()) {
    x = x * 1664525u + 1013904223u;
    v = static_cast<T>(static_cast<double>(x >> 8) / (1 << 24) - 0.5);
  }
  return m;
}

// peak: the backend's peak measured just before and after the timed loop (frequency drifts
// with the load of the other cores on shared machines).
void set_flops(benchmark::State& st, double peak, double flops) {
  st.counters["GFLOPS"] = benchmark::Counter(flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  st.counters["peak_frac"] = benchmark::Counter(flops / peak, benchmark::Counter::kIsIterationInvariantRate);
}

void set_bytes(benchmark::State& st, double bytes, const MemoryLimits& lim, bool with_read) {
  st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * bytes));
  if (with_read)
    st.counters["read_frac"] =
        benchmark::Counter(bytes / median(lim.reads), benchmark::Counter::kIsIterationInvariantRate);
  st.counters["memcpy_frac"] =
      benchmark::Counter(bytes / median(lim.copies), benchmark::Counter::kIsIterationInvariantRate);
}

// ---- the benchmarks --------------------------------------------------------------------------
template <class T>
void bm_matmul(benchmark::State& st, Backend b, std::size_t n) {
  trueno::ScopedBackend scope(b);
  const auto a = random_matrix<T>(n, n, 1), bm = random_matrix<T>(n, n, 2);
  auto c = trueno::Matrix<T>::uninitialized(n, n);
  run_flops(
      st, b, 2.0 * n * n * n,
      [&] {
        trueno::matmul(a, bm, c);
        benchmark::DoNotOptimize(c.data());
      },
      sizeof(T));
}

void bm_matmul_alloc(benchmark::State& st, Backend b, std::size_t n) {
  trueno::ScopedBackend scope(b);
  const auto a = random_matrix<float>(n, n, 1), bm = random_matrix<float>(n, n, 2);
  run_flops(st, b, 2.0 * n * n * n, [&] { benchmark::DoNotOptimize(trueno::matmul(a, bm).data()); });
}

// vec (1 x m) @ W (m x n): vecmat; W^T form (n x m rows): matvec.
void bm_gemv(benchmark::State& st, Backend b, std::size_t rows, std::size_t cols, bool vecmat) {
  trueno::ScopedBackend scope(b);
  const auto a = random_matrix<float>(rows, cols, 3);
  auto copy = trueno::Matrix<float>::uninitialized(rows, cols);
  const auto x = trueno::Vector<float>(vecmat ? rows : cols, 0.5f);
  auto y = trueno::Vector<float>::uninitialized(vecmat ? cols : rows);
  MemoryLimits lim;
  lim.measure(a.data(), copy.data(), a.size());
  for (auto _ : st) {
    if (vecmat)
      trueno::vecmat(x, a, y);
    else
      trueno::matvec(a, x, y);
    benchmark::DoNotOptimize(y.data());
  }
  lim.measure(a.data(), copy.data(), a.size());
  set_bytes(st, 4.0 * rows * cols, lim, true);
  st.counters["GFLOPS"] = benchmark::Counter(2e-9 * rows * cols, benchmark::Counter::kIsIterationInvariantRate);
}

// memcpy_frac: transpose against memcpy of the same matrix into the same destination.
void bm_transpose(benchmark::State& st, Backend b, std::size_t rows, std::size_t cols) {
  trueno::ScopedBackend scope(b);
  const auto a = random_matrix<float>(rows, cols, 4);
  auto t = trueno::Matrix<float>::uninitialized(cols, rows);
  MemoryLimits lim;
  lim.measure(a.data(), t.data(), a.size());
  for (auto _ : st) {
    trueno::transpose(a, t);
    benchmark::DoNotOptimize(t.data());
  }
  lim.measure(a.data(), t.data(), a.size());
  set_bytes(st, 4.0 * rows * cols, lim, false);
}

// Attention: batch x heads of (m x k) @ (n x k)^T.
void bm_attention(benchmark::State& st, Backend b, std::size_t heads, std::size_t seq, std::size_t dim) {
  trueno::ScopedBackend scope(b);
  const auto q = random_matrix<float>(heads * seq, dim, 5), k = random_matrix<float>(heads * seq, dim, 6);
  auto out = trueno::Vector<float>::uninitialized(heads * seq * seq);
  run_flops(st, b, 2.0 * heads * seq * seq * dim, [&] {
    trueno::batched_matmul_4d(q.span(), k.span(), out.span(), 1, heads, seq, dim, seq, trueno::Transpose::yes);
    benchmark::DoNotOptimize(out.data());
  });
}

void bm_eigen(benchmark::State& st, Backend b, std::size_t n, bool dbl) {
  trueno::ScopedBackend scope(b);
  auto a = random_matrix<double>(n, n, 7);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < i; ++j) a(i, j) = a(j, i);
  const auto af = trueno::Matrix<float>::from_span(n, n, std::vector<float>(a.span().begin(), a.span().end()));
  for (auto _ : st) {
    if (dbl)
      benchmark::DoNotOptimize(trueno::symmetric_eigen(a).values.data());
    else
      benchmark::DoNotOptimize(trueno::symmetric_eigen(af).values.data());
  }
}

void bm_conv(benchmark::State& st, Backend b, std::size_t n, std::size_t kn) {
  trueno::ScopedBackend scope(b);
  const auto img = random_matrix<float>(n, n, 8), ker = random_matrix<float>(kn, kn, 9);
  auto out = trueno::Matrix<float>::uninitialized(n - kn + 1, n - kn + 1);
  run_flops(st, b, 2.0 * (n - kn + 1) * (n - kn + 1) * kn * kn, [&] {
    trueno::convolve2d(img, ker, out);
    benchmark::DoNotOptimize(out.data());
  });
}

void register_all() {
  for (Backend b : trueno::available_backends()) {
    const std::string bn(trueno::backend_name(b));
    const bool slow = b == Backend::scalar || b == Backend::sse2;
    const bool threaded = bench_threads() > 1;
    for (std::size_t n : {8, 16, 32, 48, 64, 96, 128, 256, 512, 1024, 2048, 4096}) {
      if (slow && n > 512) continue;
      if (n == 4096 && !(threaded && b == trueno::best_backend())) continue;  // threaded runs only
      auto* bm =
          benchmark::RegisterBenchmark(("matmul_f32/" + bn + "/" + std::to_string(n)).c_str(), bm_matmul<float>, b, n)
              ->Unit(benchmark::kMicrosecond);
      if (threaded) bm->UseRealTime();
      if (n >= 64 && n <= 1024 && n % 64 == 0)
        benchmark::RegisterBenchmark(("matmul_f64/" + bn + "/" + std::to_string(n)).c_str(), bm_matmul<double>, b, n)
            ->Unit(benchmark::kMicrosecond);
    }
    if (b == trueno::best_backend())
      for (std::size_t n : {64, 1024})
        benchmark::RegisterBenchmark(("matmul_f32_alloc/" + bn + "/" + std::to_string(n)).c_str(), bm_matmul_alloc, b,
                                     n)
            ->Unit(benchmark::kMicrosecond);
    const std::pair<std::size_t, std::size_t> gemv_shapes[] = {
        {4096, 11008}, {11008, 4096}, {1024, 1024}, {8192, 8192}};
    // vecmat: x (r) @ A (r x c); matvec: A (c x r) @ x (r), the transposed (weight) layout.
    for (auto [r, c] : gemv_shapes) {
      benchmark::RegisterBenchmark(("vecmat_f32/" + bn + "/" + std::to_string(r) + "x" + std::to_string(c)).c_str(),
                                   bm_gemv, b, r, c, true)
          ->Unit(benchmark::kMicrosecond);
      benchmark::RegisterBenchmark(("matvec_f32/" + bn + "/" + std::to_string(c) + "x" + std::to_string(r)).c_str(),
                                   bm_gemv, b, c, r, false)
          ->Unit(benchmark::kMicrosecond);
    }
    const std::pair<std::size_t, std::size_t> tr_shapes[] = {{2048, 128}, {128, 2048}, {1024, 1024}, {4096, 4096}};
    for (auto [r, c] : tr_shapes)
      benchmark::RegisterBenchmark(("transpose_f32/" + bn + "/" + std::to_string(r) + "x" + std::to_string(c)).c_str(),
                                   bm_transpose, b, r, c)
          ->Unit(benchmark::kMicrosecond);
    for (std::size_t seq : {64, 128, 512}) {
      auto* bm =
          benchmark::RegisterBenchmark(("attention_qkT_f32/" + bn + "/16h_seq" + std::to_string(seq) + "_d64").c_str(),
                                       bm_attention, b, 16, seq, 64)
              ->Unit(benchmark::kMicrosecond);
      if (threaded) bm->UseRealTime();
    }
    for (std::size_t kn : {3, 7})
      benchmark::RegisterBenchmark(("convolve2d_f32/" + bn + "/512_k" + std::to_string(kn)).c_str(), bm_conv, b, 512,
                                   kn)
          ->Unit(benchmark::kMicrosecond);
    if (b == trueno::best_backend())
      for (std::size_t n : {16, 32, 64, 128, 256, 512}) {
        benchmark::RegisterBenchmark(("symmetric_eigen_f64/" + bn + "/" + std::to_string(n)).c_str(), bm_eigen, b, n,
                                     true)
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark(("symmetric_eigen_f32/" + bn + "/" + std::to_string(n)).c_str(), bm_eigen, b, n,
                                     false)
            ->Unit(benchmark::kMicrosecond);
      }
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  register_all();
  for (Backend b : trueno::available_backends())
    benchmark::AddCustomContext("peak_gflops_" + std::string(trueno::backend_name(b)),
                                std::to_string(peak_flops(b, 20) / 1e9));
  benchmark::AddCustomContext("trueno_threads", std::to_string(bench_threads()));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
