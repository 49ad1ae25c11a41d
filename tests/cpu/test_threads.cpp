// test_threads.cpp: results do not depend on the thread count (reductions bit-identical),
// concurrent calls from several user threads are correct, and the thread-count API.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "cpu/parallel/parallel.hpp"
#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

class Threads : public BackendTest {
 protected:
  void TearDown() override {
    set_num_threads(0);
    BackendTest::TearDown();
  }
};

template <class T>
struct Snapshot {
  T sum, dot, l1, l2, var, mean, mx;
  std::size_t argmax, argmin;
  Vector<T> added, z;
  bool operator==(const Snapshot& o) const {
    return same_value(sum, o.sum) && same_value(dot, o.dot) && same_value(l1, o.l1) && same_value(l2, o.l2) &&
           same_value(var, o.var) && same_value(mean, o.mean) && same_value(mx, o.mx) && argmax == o.argmax &&
           argmin == o.argmin && added == o.added && z == o.z;
  }
};

template <class T>
Snapshot<T> snapshot(std::span<const T> a, std::span<const T> b) {
  return {trueno::sum(a),      trueno::dot(a, b), trueno::norm_l1(a), trueno::norm_l2(a),
          trueno::variance(a), trueno::mean(a),   trueno::max(a),     trueno::argmax(a),
          trueno::argmin(a),   trueno::add(a, b), trueno::zscore(a)};
}

// Emulated CPUs (TRUENO_TEST_MAX_N lowered): a few 64Ki-element chunks instead of many, with the
// per-thread minimums lowered so that they still split across threads.
struct SmallSplits {
  SmallSplits() {
    if (!emulated()) return;
    for (auto c : {parallel::Cost::compute, parallel::Cost::memory, parallel::Cost::reduce})
      parallel::set_min_per_thread(c, 4096);
  }
  ~SmallSplits() {
    for (auto c : {parallel::Cost::compute, parallel::Cost::memory, parallel::Cost::reduce})
      parallel::set_min_per_thread(c, 0);
  }
  static bool emulated() { return max_test_size() < (std::size_t{1} << 20); }
};

template <class T>
void check_thread_count_invariance() {
  const SmallSplits small;
  // Many chunks, and not a multiple of anything.
  const std::size_t n = SmallSplits::emulated() ? 300'017 : 3'000'017;
  auto a = uniform<T>(n, -1.0, 1.0, 7), b = uniform<T>(n, -1.0, 1.0, 8);
  a[n / 3] = T(5);  // a unique maximum in the middle of a part
  a[2 * n / 3] = T(5);
  set_num_threads(1);
  const auto ref = snapshot<T>(a, b);
  EXPECT_EQ(ref.argmax, n / 3);
  for (std::size_t t : {2u, 3u, 4u, 7u, 16u}) {
    set_num_threads(t);
    EXPECT_TRUE(snapshot<T>(a, b) == ref) << t << " threads";
  }
  std::vector<std::int32_t> ints(n);
  for (std::size_t i = 0; i < n; ++i) ints[i] = static_cast<std::int32_t>(i * 2654435761u);
  set_num_threads(1);
  const auto s1 = trueno::sum(std::span<const std::int32_t>(ints));
  const auto am1 = trueno::argmax(std::span<const std::int32_t>(ints));
  set_num_threads(5);
  EXPECT_EQ(trueno::sum(std::span<const std::int32_t>(ints)), s1);
  EXPECT_EQ(trueno::argmax(std::span<const std::int32_t>(ints)), am1);
  a[n - 5] = std::numeric_limits<T>::quiet_NaN();
  a[n - 2] = std::numeric_limits<T>::quiet_NaN();
  EXPECT_EQ(trueno::argmax(std::span<const T>(a)), n - 5);
  EXPECT_TRUE(std::isnan(trueno::max(std::span<const T>(a))));
  EXPECT_TRUE(std::isnan(trueno::norm_linf(std::span<const T>(a))));
}
TEST_P(Threads, ResultsIndependentOfThreadCountFloat) { check_thread_count_invariance<float>(); }
TEST_P(Threads, ResultsIndependentOfThreadCountDouble) { check_thread_count_invariance<double>(); }

// The matrix ops and row-wise ops split their work into independent blocks: results are the
// same for any thread count.
TEST_P(Threads, MatrixAndRowOpsIndependentOfThreadCount) {
  const auto av = uniform<float>(300 * 250, -1, 1, 11), bv = uniform<float>(250 * 280, -1, 1, 12);
  const auto a = Matrix<float>::from_span(300, 250, av), b = Matrix<float>::from_span(250, 280, bv);
  const auto rows = uniform<float>(64 * 3000, -5, 5, 13);
  const auto img = Matrix<float>::from_span(300, 250, av),
             ker = Matrix<float>::from_span(5, 3, std::span<const float>(bv).first(15));
  set_num_threads(1);
  const auto c1 = trueno::matmul(a, b), t1 = trueno::transpose(a), v1 = trueno::convolve2d(img, ker);
  const auto s1 = trueno::softmax(std::span<const float>(rows), 64, 3000);
  const auto xv = uniform<float>(250, -1, 1, 14), yv = uniform<float>(300, -1, 1, 15);
  const auto mv1 = trueno::matvec(a, std::span<const float>(xv)), vm1 = trueno::vecmat(std::span<const float>(yv), a);
  const auto bm1 = trueno::batched_matmul(std::span<const float>(av).first(8 * 50 * 40),
                                          std::span<const float>(bv).first(8 * 40 * 30), 8, 50, 40, 30);
  for (std::size_t t : {2u, 3u, 8u}) {
    set_num_threads(t);
    trueno::parallel::set_min_per_thread(trueno::parallel::Cost::compute, 64);  // split even these sizes
    trueno::parallel::set_min_per_thread(trueno::parallel::Cost::memory, 64);
    trueno::parallel::set_min_per_thread(trueno::parallel::Cost::reduce, 64);
    EXPECT_TRUE(std::equal(c1.span().begin(), c1.span().end(), trueno::matmul(a, b).span().begin())) << t;
    EXPECT_TRUE(std::equal(t1.span().begin(), t1.span().end(), trueno::transpose(a).span().begin())) << t;
    EXPECT_TRUE(std::equal(v1.span().begin(), v1.span().end(), trueno::convolve2d(img, ker).span().begin())) << t;
    EXPECT_TRUE(trueno::softmax(std::span<const float>(rows), 64, 3000) == s1) << t;
    EXPECT_TRUE(trueno::matvec(a, std::span<const float>(xv)) == mv1) << t;
    EXPECT_TRUE(trueno::vecmat(std::span<const float>(yv), a) == vm1) << t;
    EXPECT_TRUE(trueno::batched_matmul(std::span<const float>(av).first(8 * 50 * 40),
                                       std::span<const float>(bv).first(8 * 40 * 30), 8, 50, 40, 30) == bm1)
        << t;
    trueno::parallel::set_min_per_thread(trueno::parallel::Cost::compute, 0);
    trueno::parallel::set_min_per_thread(trueno::parallel::Cost::memory, 0);
    trueno::parallel::set_min_per_thread(trueno::parallel::Cost::reduce, 0);
  }
}

// Several user threads at once: each call is correct (one call owns the pool, the others run
// on their own thread instead of oversubscribing).
TEST_P(Threads, ConcurrentCallersGetCorrectResults) {
  const SmallSplits small;
  set_num_threads(4);
  const std::size_t n = SmallSplits::emulated() ? 200'000 : 2'000'000;
  const auto a = uniform<float>(n, 0.0, 1.0, 3);
  set_num_threads(1);
  const float want = trueno::sum(std::span<const float>(a));
  const auto want_add = trueno::add(std::span<const float>(a), std::span<const float>(a));
  set_num_threads(4);
  const Backend backend = GetParam();
  std::vector<std::thread> users;
  std::atomic<int> wrong{0};
  for (int u = 0; u < 4; ++u) {
    users.emplace_back([&] {
      ScopedBackend scope(backend);
      for (int rep = 0; rep < 5; ++rep) {
        if (!same_value(trueno::sum(std::span<const float>(a)), want)) ++wrong;
        if (!(trueno::add(std::span<const float>(a), std::span<const float>(a)) == want_add)) ++wrong;
      }
    });
  }
  for (auto& t : users) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(ThreadsApi, NumThreads) {
  const std::size_t def = num_threads();
  EXPECT_GE(def, 1u);
  set_num_threads(3);
  EXPECT_EQ(num_threads(), parallel_enabled() ? 3u : 1u);
  set_num_threads(0);
  EXPECT_EQ(num_threads(), def);
  // Small work stays on the calling thread; large work is split at most num_threads ways.
  set_num_threads(8);
  EXPECT_EQ(parallel::threads_for(1000, parallel::Cost::memory), 1u);
  EXPECT_LE(parallel::threads_for(std::size_t{1} << 30, parallel::Cost::memory), parallel_enabled() ? 8u : 1u);
  set_num_threads(0);
  for (std::size_t parts : {1u, 2u, 3u, 7u}) {
    std::size_t covered = 0;
    for (std::size_t i = 0; i < parts; ++i) {
      const auto [b, e] = parallel::part_range(1001, parts, i);
      EXPECT_EQ(b, covered);
      covered = e;
      if (e < 1001) EXPECT_EQ(e % 16, 0u);
    }
    EXPECT_EQ(covered, 1001u);
  }
}

// A job of more parts than threads (the GEMM grid) runs every part once on at most
// num_threads() distinct threads, also after the count was lowered (the pool keeps the workers
// it spawned for a larger count: they must not join).
TEST(ThreadsApi, ManyPartsUseAtMostNumThreads) {
  for (std::size_t t : {5u, 1u, 2u, 3u}) {
    set_num_threads(t);
    for (int rep = 0; rep < 10; ++rep) {
      std::mutex m;
      std::set<std::thread::id> ids;
      std::atomic<std::size_t> runs{0}, mask{0};
      parallel::run_parts(40, [&](std::size_t i) {
        {
          std::lock_guard<std::mutex> lock(m);
          ids.insert(std::this_thread::get_id());
        }
        mask.fetch_or(std::size_t{1} << i);
        runs.fetch_add(1);
        const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(50);
        while (std::chrono::steady_clock::now() < until) {
        }
      });
      EXPECT_EQ(runs.load(), 40u);
      EXPECT_EQ(mask.load(), (std::size_t{1} << 40) - 1);
      EXPECT_LE(ids.size(), parallel_enabled() ? t : 1u) << "num_threads " << t;
    }
  }
  set_num_threads(0);
}

TRUENO_INSTANTIATE_BACKENDS(Threads);

}  // namespace
}  // namespace trueno::test
