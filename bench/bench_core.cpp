// bench_core.cpp: Google Benchmark suite of the core ops, named op/backend/n, every available
// backend, n = 100 ... 10M, bytes/s = bytes read + written. Alongside, in the same run, the
// memory limits: memcpy/<bytes> (a copy moves 2x its size) and memchr/<bytes> (read only).
// bench/summarize.py turns the JSON output into the ratios quoted in docs and issues.
#include <benchmark/benchmark.h>

#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "trueno/trueno.hpp"

namespace {

using trueno::Backend;
using trueno::Vector;

constexpr std::size_t kSizes[] = {100, 1000, 10000, 100000, 1000000, 10000000};

struct Inputs {
  explicit Inputs(std::size_t n) : a(n), b(n), c(n), out(n) {
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = 0.5f + static_cast<float>((i * 2654435761u) % 1000) / 1000.0f;
      b[i] = 1.5f - static_cast<float>((i * 40503u) % 1000) / 1000.0f;
      c[i] = 0.25f;
    }
  }
  Vector<float> a, b, c, out;
};

using Body = std::function<void(Inputs&)>;

struct Op {
  std::string name;
  int arrays;  // arrays of n floats read + written: the traffic is arrays * n * 4 bytes
  Body body;
};

std::vector<Op> ops() {
  using S = std::span<const float>;
  return {
      {"add", 3, [](Inputs& d) { trueno::add(S(d.a), S(d.b), d.out); }},
      {"add_alloc", 3, [](Inputs& d) { benchmark::DoNotOptimize(trueno::add(S(d.a), S(d.b)).data()); }},
      {"mul", 3, [](Inputs& d) { trueno::mul(S(d.a), S(d.b), d.out); }},
      {"div", 3, [](Inputs& d) { trueno::div(S(d.a), S(d.b), d.out); }},
      {"fma", 4, [](Inputs& d) { trueno::fma(S(d.a), S(d.b), S(d.c), d.out); }},
      {"scale", 2, [](Inputs& d) { trueno::scale(S(d.a), 1.5f, d.out); }},
      {"scale_alloc", 2, [](Inputs& d) { benchmark::DoNotOptimize(trueno::scale(S(d.a), 1.5f).data()); }},
      {"clamp", 2, [](Inputs& d) { trueno::clamp(S(d.a), 0.7f, 1.2f, d.out); }},
      {"abs", 2, [](Inputs& d) { trueno::abs(S(d.a), d.out); }},
      {"abs_alloc", 2, [](Inputs& d) { benchmark::DoNotOptimize(trueno::abs(S(d.a)).data()); }},
      {"sqrt", 2, [](Inputs& d) { trueno::sqrt(S(d.a), d.out); }},
      {"round", 2, [](Inputs& d) { trueno::round(S(d.a), d.out); }},
      {"maximum", 3, [](Inputs& d) { trueno::maximum(S(d.a), S(d.b), d.out); }},
      {"zscore", 2, [](Inputs& d) { trueno::zscore(S(d.a), d.out); }},
      {"sum", 1, [](Inputs& d) { benchmark::DoNotOptimize(trueno::sum(S(d.a))); }},
      {"dot", 2, [](Inputs& d) { benchmark::DoNotOptimize(trueno::dot(S(d.a), S(d.b))); }},
      {"max", 1, [](Inputs& d) { benchmark::DoNotOptimize(trueno::max(S(d.a))); }},
      {"argmax", 1, [](Inputs& d) { benchmark::DoNotOptimize(trueno::argmax(S(d.a))); }},
      {"norm_l2", 1, [](Inputs& d) { benchmark::DoNotOptimize(trueno::norm_l2(S(d.a))); }},
      {"variance", 1, [](Inputs& d) { benchmark::DoNotOptimize(trueno::variance(S(d.a))); }},
  };
}

void register_all() {
  for (Backend be : trueno::available_backends()) {
    for (const Op& op : ops()) {
      for (std::size_t n : kSizes) {
        const std::string name = op.name + "/" + std::string(trueno::backend_name(be)) + "/" + std::to_string(n);
        benchmark::RegisterBenchmark(name.c_str(), [op, be, n](benchmark::State& st) {
          trueno::ScopedBackend scope(be);
          Inputs d(n);
          for (auto _ : st) op.body(d);
          st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * op.arrays * n * sizeof(float)));
          st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations() * n));
        });
      }
    }
  }
  // The memory limits for the same traffic: a copy of k*n*4/2 bytes moves k*n*4 bytes.
  for (std::size_t n : kSizes) {
    for (int arrays : {2, 3, 4}) {
      const std::size_t bytes = arrays * n * sizeof(float) / 2;
      benchmark::RegisterBenchmark(("memcpy/" + std::to_string(bytes)).c_str(), [bytes](benchmark::State& st) {
        std::vector<char> src(bytes, 1), dst(bytes);
        for (auto _ : st) {
          std::memcpy(dst.data(), src.data(), bytes);
          benchmark::ClobberMemory();
        }
        st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * 2 * bytes));
      });
    }
    for (int arrays : {1, 2}) {
      const std::size_t bytes = arrays * n * sizeof(float);
      benchmark::RegisterBenchmark(("memchr/" + std::to_string(bytes)).c_str(), [bytes](benchmark::State& st) {
        std::vector<char> src(bytes, 0);
        for (auto _ : st) benchmark::DoNotOptimize(std::memchr(src.data(), 1, bytes));
        st.SetBytesProcessed(static_cast<std::int64_t>(st.iterations() * bytes));
      });
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
