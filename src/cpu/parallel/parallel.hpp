// parallel.hpp: the thread policy. Kernels only ever see [begin, end) ranges; the front-ends
// hand a range to for_ranges with the op's cost class, which decides whether and how to split.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include "trueno/threads.hpp"

namespace trueno::parallel {

/// How expensive one element is; decides the smallest piece worth a thread of its own.
enum class Cost {
  reduce,   // read-only streaming: sum, dot, argmax, norms (~0.1 ns per float in cache)
  memory,   // streaming read + write: add, scale, clamp, transpose (~0.3-0.5 ns per float)
  compute,  // transcendental math, activations, row-wise ops, products (~1+ ns per float)
};

/// Elements a thread must get before a split pays for waking the pool's workers (a few us when
/// they are spinning, more from sleep). From the crossovers measured on a 16-core Xeon
/// (bench/scaling.cpp --crossover; docs/design.md, "Threads"): splitting add over 16 threads
/// first paid at 64Ki elements (4Ki each), sum at 256Ki, sigmoid at 16Ki. But data that fits
/// the calling core's L2 is faster there than split (add of 128Ki floats: 0.61x on 2 threads),
/// so streaming ops split only past ~2 MiB of traffic; the minimums below keep every size at
/// >= 0.94x of one thread in the measurements (the noise), and the large ones 5-12x faster.
inline constexpr std::size_t kMinPerThreadReduce = std::size_t{1} << 18;
inline constexpr std::size_t kMinPerThreadMemory = std::size_t{1} << 17;
inline constexpr std::size_t kMinPerThreadCompute = std::size_t{1} << 13;

/// The thresholds in force (the constants above unless a measurement overrides them: the
/// crossover benchmark bench/scaling.cpp lowers them to find where threads start to pay).
std::size_t min_per_thread(Cost cost) noexcept;
void set_min_per_thread(Cost cost, std::size_t elements) noexcept;  // 0 = the default

/// A non-owning reference to a callable (no allocation, unlike std::function).
template <class Sig>
class FunctionRef;
template <class R, class... A>
class FunctionRef<R(A...)> {
 public:
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, FunctionRef>>>
  FunctionRef(F&& f) noexcept  // NOLINT(google-explicit-constructor): used like a lambda
      : obj_(const_cast<void*>(static_cast<const void*>(&f))), call_([](void* o, A... a) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(o))(std::forward<A>(a)...);
        }) {}
  R operator()(A... a) const { return call_(obj_, std::forward<A>(a)...); }

 private:
  void* obj_;
  R (*call_)(void*, A...);
};

/// Threads to use for n elements of the given cost (1: stay on the calling thread).
std::size_t threads_for(std::size_t n, Cost cost) noexcept;

/// Runs body(0) ... body(parts - 1): the calling thread and the pool's workers claim parts one
/// at a time, so the call never waits for a worker that has not started. When the pool is busy
/// (another user thread's call) or from inside a part, runs them in order on this thread.
/// At most max_threads threads (0: num_threads()) take part, whatever the number of parts.
void run_parts(std::size_t parts, FunctionRef<void(std::size_t)> body, std::size_t max_threads = 0);

/// [begin, end) of part i of n elements split into `parts` contiguous pieces whose
/// boundaries are multiples of 16 elements (whole cache lines of float).
inline std::pair<std::size_t, std::size_t> part_range(std::size_t n, std::size_t parts, std::size_t i) {
  const std::size_t blocks = (n + 15) / 16;
  const std::size_t b = blocks * i / parts * 16, e = blocks * (i + 1) / parts * 16;
  return {b < n ? b : n, e < n ? e : n};
}

/// The split path of for_ranges, out of line: the serial path (most calls) stays as small as
/// a direct kernel call. Pieces of at least half the per-thread minimum, up to 4 per thread,
/// claimed one at a time: a worker that starts late, or shares its core with another process,
/// leaves its pieces to the others instead of holding up the call. Streaming ops
/// (Cost::memory), once split, use a thread per such piece (add of 1M floats on the 16-core
/// device machine: 16 threads 39-62 us, 8 threads 76-105 us); the others keep threads_for's.
template <class F>
[[gnu::noinline]] void split_ranges(std::size_t n, Cost cost, std::size_t parts, F& f) {
  const std::size_t half = min_per_thread(cost) / 2 != 0 ? min_per_thread(cost) / 2 : 1;
  const std::size_t most = n / half;
  std::size_t threads = parts;
  if (cost == Cost::memory) {
    const std::size_t t = trueno::num_threads();
    threads = most < t ? most : t;
  }
  const std::size_t pieces = 4 * threads < most ? 4 * threads : most;  // >= threads: threads <= most
  run_parts(
      pieces,
      [&](std::size_t i) {
        const auto [b, e] = part_range(n, pieces, i);
        if (b < e) f(b, e);
      },
      threads);
}

/// Element-wise work of n elements: calls f(begin, end) over a partition of [0, n).
template <class F>
void for_ranges(std::size_t n, Cost cost, F&& f) {
  const std::size_t parts = threads_for(n, cost);
  if (parts <= 1) {
    if (n != 0) f(std::size_t{0}, n);
    return;
  }
  split_ranges(n, cost, parts, f);
}

/// Work on `items` independent items (rows, matrices) of `elements_per_item` elements each:
/// calls f(begin, end) over a partition of [0, items), split only when the total work pays.
template <class F>
void for_items(std::size_t items, std::size_t elements_per_item, Cost cost, F&& f) {
  const std::size_t total =
      elements_per_item != 0 && items > SIZE_MAX / elements_per_item ? SIZE_MAX : items * elements_per_item;
  std::size_t parts = threads_for(total, cost);
  parts = parts < items ? parts : items;
  if (parts <= 1) {
    if (items != 0) f(std::size_t{0}, items);
    return;
  }
  run_parts(parts, [&](std::size_t i) {
    const std::size_t b = items * i / parts, e = items * (i + 1) / parts;
    if (b < e) f(b, e);
  });
}

template <class F>
void for_ranges(std::size_t n, F&& f) {
  for_ranges(n, Cost::memory, std::forward<F>(f));
}

}  // namespace trueno::parallel
