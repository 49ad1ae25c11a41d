// test_stress.cpp: many user threads calling trueno at once, each on its own backend
// (ScopedBackend), while another thread keeps changing set_num_threads, with inputs large
// enough to split across the pool (the per-thread minimums lowered). Every result must equal,
// bit for bit, the one computed serially (one thread) on the same backend beforehand: results do
// not depend on the thread count, whoever holds the pool (include/trueno/threads.hpp). The
// serial results are themselves checked against double-precision references. Run under TSan by
// tools/run_tests.sh tsan (docs/design.md, "Sanitizers and fuzzing").
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cpu/parallel/parallel.hpp"
#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

// Sizes: several pieces per thread with the minimums below (4096 elements).
constexpr std::size_t kN = 150'011;
constexpr std::size_t kRows = 48, kCols = 1'531;      // softmax rows (crossing the row chunks)
constexpr std::size_t kM = 67, kK = 45, kNc = 71;     // matmul, odd sizes crossing the blocks
constexpr std::size_t kCallers = 6, kIterations = 3;  // kept small: TSan costs ~10x

struct LowMinimums {  // every op class splits from 4096 elements a thread
  LowMinimums() {
    for (auto c : {parallel::Cost::compute, parallel::Cost::memory, parallel::Cost::reduce})
      parallel::set_min_per_thread(c, 4096);
  }
  ~LowMinimums() {
    for (auto c : {parallel::Cost::compute, parallel::Cost::memory, parallel::Cost::reduce})
      parallel::set_min_per_thread(c, 0);
    set_num_threads(0);
  }
};

std::vector<float> data(std::size_t n, unsigned seed) {
  std::vector<float> v(n);
  std::uint32_t s = seed * 2654435761u + 1;
  for (auto& x : v) {
    s = s * 1664525u + 1013904223u;
    x = static_cast<float>(static_cast<std::int32_t>(s >> 8) % 4096) / 512.0f;  // multiples of 1/512 in (-8, 8)
  }
  return v;
}

struct Results {
  float sum = 0;
  Vector<float> added, soft;
  Matrix<float> product;
};

struct Inputs {
  std::vector<float> a = data(kN, 1), b = data(kN, 2), x = data(kRows * kCols, 3), ma = data(kM * kK, 4),
                     mb = data(kK * kNc, 5);
  Results compute() const {
    Results r;
    r.sum = trueno::sum(std::span<const float>(a));
    r.added = trueno::add(std::span<const float>(a), std::span<const float>(b));
    r.soft = trueno::softmax(std::span<const float>(x), kRows, kCols);
    r.product = trueno::matmul(ConstMatrixView<float>(ma.data(), kM, kK), ConstMatrixView<float>(mb.data(), kK, kNc));
    return r;
  }
};

// The serial results against references from the definitions (so that "equal to the serial
// result" means "right").
void check_against_reference(const Inputs& in, const Results& r, Backend b) {
  SCOPED_TRACE(std::string(backend_name(b)));
  long double s = 0, scale = 0;
  for (float v : in.a) s += v, scale += std::fabs(v);
  // docs/accuracy.md: |err| <= ulp(r)/2 + 2^-23 sum|x_i|
  const float w = std::fabs(static_cast<float>(s));
  EXPECT_LE(std::fabs(double(r.sum) - double(s)),
            double(std::nextafter(w, INFINITY) - w) / 2 + std::ldexp(double(scale), -23));
  for (std::size_t i = 0; i < kN; ++i) ASSERT_EQ(r.added[i], in.a[i] + in.b[i]) << i;
  for (std::size_t i = 0; i < kRows; ++i) {
    double m = -INFINITY, z = 0;
    for (std::size_t j = 0; j < kCols; ++j) m = std::max(m, double(in.x[i * kCols + j]));
    for (std::size_t j = 0; j < kCols; ++j) z += std::exp(double(in.x[i * kCols + j]) - m);
    for (std::size_t j = 0; j < kCols; ++j) {
      const double want = std::exp(double(in.x[i * kCols + j]) - m) / z;  // relative error <= 4 eps
      ASSERT_NEAR(r.soft[i * kCols + j], want, 4 * std::ldexp(want, -24) + 1e-45) << i << ", " << j;
    }
  }
  for (std::size_t i = 0; i < kM; ++i)
    for (std::size_t j = 0; j < kNc; ++j) {
      double v = 0, bound = 0;
      for (std::size_t p = 0; p < kK; ++p) {
        v += double(in.ma[i * kK + p]) * in.mb[p * kNc + j];
        bound += std::fabs(double(in.ma[i * kK + p]) * in.mb[p * kNc + j]);
      }
      ASSERT_NEAR(r.product(i, j), v, (kK + 2) * std::ldexp(bound, -24)) << i << ", " << j;
    }
}

std::string first_difference(const Results& got, const Results& want) {
  if (!(got.sum == want.sum)) return "sum " + std::to_string(got.sum) + " vs " + std::to_string(want.sum);
  if (!(got.added == want.added)) return "add";
  if (!(got.soft == want.soft)) return "softmax";
  if (!(got.product == want.product)) return "matmul";
  return {};
}

TEST(Stress, ConcurrentCallersOnEveryBackendMatchTheSerialResults) {
  if (!parallel_enabled()) GTEST_SKIP() << "built without TRUENO_PARALLEL";
  const LowMinimums low;
  const Inputs in;
  const std::vector<Backend> backends = available_backends();
  std::vector<Results> serial;
  set_num_threads(1);
  for (Backend b : backends) {
    const ScopedBackend scope(b);
    serial.push_back(in.compute());
    check_against_reference(in, serial.back(), b);
  }

  std::atomic<bool> done{false};
  std::atomic<std::size_t> calls{0};
  std::mutex mu;
  std::vector<std::string> failures;
  // The thread-count knob turns while the callers run: 1..7 threads, more than the cores.
  std::thread knob([&] {
    const std::size_t counts[] = {2, 4, 1, 3, 7, 2};
    for (std::size_t i = 0; !done.load(); ++i) {
      set_num_threads(counts[i % std::size(counts)]);
      std::this_thread::yield();
    }
  });
  std::vector<std::thread> callers;
  for (std::size_t t = 0; t < kCallers; ++t)
    callers.emplace_back([&, t] {
      const std::size_t which = t % backends.size();
      const ScopedBackend scope(backends[which]);
      for (std::size_t it = 0; it < kIterations; ++it) {
        const std::string diff = first_difference(in.compute(), serial[which]);
        calls.fetch_add(1);
        if (!diff.empty()) {
          const std::lock_guard<std::mutex> lock(mu);
          failures.push_back(std::string(backend_name(backends[which])) + " caller " + std::to_string(t) +
                             " iteration " + std::to_string(it) + ": " + diff);
        }
      }
    });
  for (auto& c : callers) c.join();
  done = true;
  knob.join();
  EXPECT_EQ(calls.load(), kCallers * kIterations);
  EXPECT_TRUE(failures.empty()) << failures.size() << " results differ; first: " << failures.front();
}

// Nested ScopedBackends and thread-count changes inside one caller, while others run: each
// call follows its own thread's backend (workers follow the calling thread).
TEST(Stress, EachCallerKeepsItsOwnBackendAcrossNestedScopes) {
  if (!parallel_enabled()) GTEST_SKIP() << "built without TRUENO_PARALLEL";
  const LowMinimums low;
  const std::vector<Backend> backends = available_backends();
  const std::vector<float> a = data(kN, 9);
  std::vector<float> serial;
  set_num_threads(1);
  for (Backend b : backends) {
    const ScopedBackend scope(b);
    serial.push_back(trueno::sum(std::span<const float>(a)));
  }
  set_num_threads(0);
  std::atomic<std::size_t> wrong{0}, checked{0};
  std::vector<std::thread> callers;
  for (std::size_t t = 0; t < 4; ++t)
    callers.emplace_back([&, t] {
      for (std::size_t i = 0; i < backends.size(); ++i) {
        const std::size_t outer = (t + i) % backends.size(), inner = (t + 2 * i + 1) % backends.size();
        const ScopedBackend s1(backends[outer]);
        if (active_backend() != backends[outer]) wrong.fetch_add(1);
        {
          const ScopedBackend s2(backends[inner]);
          if (active_backend() != backends[inner] || trueno::sum(std::span<const float>(a)) != serial[inner])
            wrong.fetch_add(1);
        }
        if (active_backend() != backends[outer] || trueno::sum(std::span<const float>(a)) != serial[outer])
          wrong.fetch_add(1);
        checked.fetch_add(1);
      }
    });
  for (auto& c : callers) c.join();
  EXPECT_EQ(checked.load(), 4 * backends.size());
  EXPECT_EQ(wrong.load(), 0u);
}

}  // namespace
}  // namespace trueno::test
