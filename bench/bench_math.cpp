// bench_math.cpp: Google Benchmark of the math functions, activations and row-wise ops, per
// backend (op/backend/n), single thread, span form (zero allocation) and allocating form, with
// memcpy of the same bytes measured in the same run (the memory-speed reference).
// Reported: bytes/s (read + write) and items/s; elements per cycle = items/s / core Hz.
#include <benchmark/benchmark.h>

#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "trueno/trueno.hpp"

namespace {

using Fn = std::function<void(std::span<const float>, std::span<float>)>;

std::vector<float> inputs(std::size_t n, float lo, float hi) {
  std::mt19937 g(42);
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (auto& x : v) x = d(g);
  return v;
}

void set_counters(benchmark::State& st, std::size_t n) {
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations() * n));
  st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * n * 2 * sizeof(float)));
}

void register_unary(const std::string& op, Fn fn, float lo, float hi, trueno::Backend b, std::size_t n) {
  const std::string name = op + "/" + std::string(trueno::backend_name(b)) + "/" + std::to_string(n);
  benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
    trueno::ScopedBackend scope(b);
    const auto x = inputs(n, lo, hi);
    std::vector<float> out(n);
    for (auto _ : st) {
      fn(x, out);
      benchmark::DoNotOptimize(out.data());
      benchmark::ClobberMemory();
    }
    set_counters(st, n);
  });
}

void register_rows(const std::string& op, bool log, trueno::Backend b, std::size_t n, std::size_t cols) {
  const std::string name =
      op + "_c" + std::to_string(cols) + "/" + std::string(trueno::backend_name(b)) + "/" + std::to_string(n);
  benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
    trueno::ScopedBackend scope(b);
    const std::size_t rows = n / cols, m = rows * cols;  // whole rows (within 3% of n)
    const auto x = inputs(m, -10, 10);
    std::vector<float> out(m);
    for (auto _ : st) {
      if (log)
        trueno::log_softmax(std::span<const float>(x), rows, cols, std::span<float>(out));
      else
        trueno::softmax(std::span<const float>(x), rows, cols, std::span<float>(out));
      benchmark::DoNotOptimize(out.data());
      benchmark::ClobberMemory();
    }
    set_counters(st, m);
  });
}

void register_memcpy(std::size_t n) {
  benchmark::RegisterBenchmark(("memcpy/-/" + std::to_string(n)).c_str(), [=](benchmark::State& st) {
    const auto x = inputs(n, 0, 1);
    std::vector<float> out(n);
    for (auto _ : st) {
      std::memcpy(out.data(), x.data(), n * sizeof(float));
      benchmark::DoNotOptimize(out.data());
      benchmark::ClobberMemory();
    }
    set_counters(st, n);
  });
}

void register_all() {
  using S = std::span<const float>;
  using O = std::span<float>;
  const std::vector<std::tuple<std::string, Fn, float, float>> ops = {
      {"exp", [](S x, O o) { trueno::exp(x, o); }, -80, 80},
      {"ln", [](S x, O o) { trueno::ln(x, o); }, 1e-3f, 1e3f},
      {"tanh", [](S x, O o) { trueno::tanh(x, o); }, -10, 10},
      {"sigmoid", [](S x, O o) { trueno::sigmoid(x, o); }, -20, 20},
      {"gelu", [](S x, O o) { trueno::gelu(x, trueno::GeluApprox::none, o); }, -8, 8},
      {"gelu_tanh", [](S x, O o) { trueno::gelu(x, trueno::GeluApprox::tanh, o); }, -8, 8},
      {"swish", [](S x, O o) { trueno::swish(x, o); }, -20, 20},
      {"softplus", [](S x, O o) { trueno::softplus(x, 1.0f, 20.0f, o); }, -20, 20},
      {"relu", [](S x, O o) { trueno::relu(x, o); }, -1, 1},
      {"erf", [](S x, O o) { trueno::erf(x, o); }, -4, 4},
      {"log2", [](S x, O o) { trueno::log2(x, o); }, 1e-3f, 1e3f},
      {"exp2", [](S x, O o) { trueno::exp2(x, o); }, -100, 100},
  };
  const std::vector<std::size_t> sizes = {10000, 1000000, 10000000};
  for (std::size_t n : sizes) {
    register_memcpy(n);
    for (auto b : trueno::available_backends()) {
      for (const auto& [op, fn, lo, hi] : ops) register_unary(op, fn, lo, hi, b, n);
      if (n >= 1000000) {
        for (std::size_t cols : {1024, 4096, 32768}) {
          register_rows("softmax", false, b, n, cols);
          register_rows("log_softmax", true, b, n, cols);
        }
      }
    }
  }
  // Inputs far out in the tails, best backend: every lane underflowing to 0 (or saturating) must
  // cost what a lane in the core range costs; a denormal or zero result of an FP multiply takes a
  // microcode assist (~150 cycles a register), which made these 10-50x slower before (see
  // mth::ldexp_or_zero). Only true denormal results still pay it. Compare with the rows above.
  const auto best = trueno::best_backend();
  register_unary(
      "exp_tails", [](S x, O o) { trueno::exp(x, o); }, -400, -110, best, 10000);
  register_unary(
      "sigmoid_tails", [](S x, O o) { trueno::sigmoid(x, o); }, 120, 400, best, 10000);
  register_unary(
      "gelu_tails", [](S x, O o) { trueno::gelu(x, trueno::GeluApprox::none, o); }, 20, 60, best, 10000);
  register_unary(
      "softplus_tails", [](S x, O o) { trueno::softplus(x, 1.0f, 200.0f, o); }, -400, -110, best, 10000);
  register_unary(
      "elu_tails", [](S x, O o) { trueno::elu(x, 1.0f, o); }, 100, 400, best, 10000);
  // tanh near |x| = 44, where 2 / (e^2|x| + 1) was denormal before its argument was capped.
  register_unary(
      "tanh_tails", [](S x, O o) { trueno::tanh(x, o); }, 40, 50, best, 10000);
  // Short rows (per-row overhead, padded lanes) at 1M elements.
  for (std::size_t cols : {1, 8, 64}) register_rows("softmax", false, best, 1000000, cols);

  // The allocating form (one allocation per call), best backend only.
  for (std::size_t n : sizes) {
    const std::string name =
        "exp_alloc/" + std::string(trueno::backend_name(trueno::best_backend())) + "/" + std::to_string(n);
    benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& st) {
      const auto x = inputs(n, -80, 80);
      for (auto _ : st) {
        auto r = trueno::exp(std::span<const float>(x));
        benchmark::DoNotOptimize(r.data());
      }
      set_counters(st, n);
    });
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
