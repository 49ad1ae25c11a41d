// scaling.cpp: thread scaling and crossover measurement (no Google Benchmark needed, so it
// builds on any machine with the library): for each op, size and thread count, the median
// time of repeated calls; speed-up over one thread; and, with --crossover, the smallest size
// at which splitting over the threads beats one thread (what the thresholds are set from).
//   trueno_scaling [--threads 1,2,4,8,16] [--sizes 1000,...] [--ops add,sum,...] [--crossover]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cpu/parallel/parallel.hpp"
#include "trueno/trueno.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::size_t> parse_list(const char* s) {
  std::vector<std::size_t> v;
  for (const char* p = s; *p;) {
    v.push_back(std::strtoull(p, nullptr, 10));
    p = std::strchr(p, ',');
    if (!p) break;
    ++p;
  }
  return v;
}

struct Data {
  explicit Data(std::size_t n) : a(n), b(n), out(n) {
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = 0.5f + static_cast<float>((i * 2654435761u) % 1000) / 1000.0f;
      b[i] = 1.5f - static_cast<float>((i * 40503u) % 1000) / 1000.0f;
    }
  }
  trueno::Vector<float> a, b, out;
};

struct Op {
  const char* name;
  trueno::parallel::Cost cost;
  int arrays;  // arrays of n floats moved: bytes = arrays * n * 4
  std::function<void(Data&)> run;
};

std::vector<Op> ops() {
  using S = std::span<const float>;
  using trueno::parallel::Cost;
  return {
      {"add", Cost::memory, 3, [](Data& d) { trueno::add(S(d.a), S(d.b), d.out); }},
      {"scale", Cost::memory, 2, [](Data& d) { trueno::scale(S(d.a), 2.0f, d.out); }},
      {"clamp", Cost::memory, 2, [](Data& d) { trueno::clamp(S(d.a), 0.7f, 1.2f, d.out); }},
      {"sum", Cost::reduce, 1,
       [](Data& d) {
         volatile float r = trueno::sum(S(d.a));
         (void)r;
       }},
      {"dot", Cost::reduce, 2,
       [](Data& d) {
         volatile float r = trueno::dot(S(d.a), S(d.b));
         (void)r;
       }},
      {"argmax", Cost::reduce, 1,
       [](Data& d) {
         volatile std::size_t r = trueno::argmax(S(d.a));
         (void)r;
       }},
      {"norm_l2", Cost::reduce, 1,
       [](Data& d) {
         volatile float r = trueno::norm_l2(S(d.a));
         (void)r;
       }},
      {"variance", Cost::reduce, 2,
       [](Data& d) {
         volatile float r = trueno::variance(S(d.a));
         (void)r;
       }},
      {"zscore", Cost::memory, 4, [](Data& d) { trueno::zscore(S(d.a), d.out); }},
      {"relu", Cost::compute, 2, [](Data& d) { trueno::relu(S(d.a), d.out); }},
      {"exp", Cost::compute, 2, [](Data& d) { trueno::exp(S(d.a), d.out); }},
      {"sigmoid", Cost::compute, 2, [](Data& d) { trueno::sigmoid(S(d.a), d.out); }},
      {"gelu_tanh", Cost::compute, 2, [](Data& d) { trueno::gelu(S(d.a), trueno::GeluApprox::tanh, d.out); }},
      {"softmax_1024", Cost::compute, 2,
       [](Data& d) {
         const std::size_t cols = d.a.size() >= 1024 ? 1024 : d.a.size();
         trueno::softmax(S(d.a).first(d.a.size() / cols * cols), d.a.size() / cols, cols,
                         std::span<float>(d.out).first(d.a.size() / cols * cols));
       }},
  };
}

// Median seconds per call: repetitions sized to ~20 ms per sample, 7 samples.
double time_op(const Op& op, Data& d) {
  op.run(d);
  auto t0 = Clock::now();
  std::size_t reps = 0;
  while (std::chrono::duration<double>(Clock::now() - t0).count() < 0.02) {
    op.run(d);
    ++reps;
  }
  std::vector<double> samples;
  for (int s = 0; s < 7; ++s) {
    t0 = Clock::now();
    for (std::size_t r = 0; r < reps; ++r) op.run(d);
    samples.push_back(std::chrono::duration<double>(Clock::now() - t0).count() / static_cast<double>(reps));
  }
  std::nth_element(samples.begin(), samples.begin() + 3, samples.end());
  return samples[3];
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> threads = {1, 2, 4, 8, 16};
  std::vector<std::size_t> sizes = {1000, 10000, 100000, 1000000, 10000000};
  std::string only;
  bool crossover = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
      threads = parse_list(argv[++i]);
    else if (!std::strcmp(argv[i], "--sizes") && i + 1 < argc)
      sizes = parse_list(argv[++i]);
    else if (!std::strcmp(argv[i], "--ops") && i + 1 < argc)
      only = std::string(",") + argv[++i] + ",";
    else if (!std::strcmp(argv[i], "--crossover"))
      crossover = true;
  }
  std::printf("backend %s, %zu threads available\n",
              std::string(trueno::backend_name(trueno::active_backend())).c_str(), trueno::num_threads());
  for (const Op& op : ops()) {
    if (!only.empty() && only.find(std::string(",") + op.name + ",") == std::string::npos) continue;
    if (crossover) {
      // Force splitting at every size (threshold 1 element per thread) and compare with one
      // thread: the crossover is the smallest n where max threads is >= 10% faster.
      const std::size_t tmax = threads.back();
      std::printf("\n%-9s %10s %12s %12s %8s\n", op.name, "n", "1 thread us", "forced us", "ratio");
      for (std::size_t n = 4096; n <= (std::size_t{1} << 24); n *= 2) {
        Data d(n);
        trueno::set_num_threads(1);
        const double t1 = time_op(op, d);
        trueno::set_num_threads(tmax);
        trueno::parallel::set_min_per_thread(op.cost, 1);
        const double tf = time_op(op, d);
        trueno::parallel::set_min_per_thread(op.cost, 0);
        const double td = time_op(op, d);
        std::printf("%-9s %10zu %12.2f %12.2f %8.2f   default policy: %.2f\n", op.name, n, t1 * 1e6, tf * 1e6, t1 / tf,
                    t1 / td);
      }
      continue;
    }
    std::printf("\n%-9s %10s", op.name, "n");
    for (std::size_t t : threads) std::printf(" %9zut", t);
    std::printf("   GB/s@max  speedup@max\n");
    for (std::size_t n : sizes) {
      Data d(n);
      std::printf("%-9s %10zu", op.name, n);
      double t1 = 0, tl = 0;
      for (std::size_t t : threads) {
        trueno::set_num_threads(t);
        const double s = time_op(op, d);
        if (t == threads.front()) t1 = s;
        tl = s;
        std::printf(" %8.1fus", s * 1e6);
      }
      std::printf("   %8.1f  %10.2f\n", static_cast<double>(op.arrays) * static_cast<double>(n) * 4.0 / tl / 1e9,
                  t1 / tl);
    }
  }
  trueno::set_num_threads(0);
  return 0;
}
