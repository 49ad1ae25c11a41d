// reduce_util.hpp: how the front-ends split reductions: fixed chunks combined in a fixed
// order (bit-identical results whatever the thread count), and the combination of per-thread
// extremes and argmin/argmax (first NaN, then first extreme, wins).
#pragma once

#include <cstddef>
#include <cstdint>

#include <span>

#include "cpu/dispatch.hpp"
#include "cpu/parallel/parallel.hpp"

namespace trueno::detail {

/// Reductions are computed on chunks of this many elements (the kernels sum each chunk
/// pairwise); chunk results are combined pairwise in a fixed order. 64Ki elements keeps the
/// per-chunk overhead (a horizontal reduction) far below 1% and gives threads enough chunks.
inline constexpr std::size_t kReduceChunk = std::size_t{1} << 16;

/// Pairwise combination of a stream of doubles (a binary counter: the k-th value merges with
/// its neighbours as in a balanced tree whose shape depends only on the count).
class PairwiseDoubles {
 public:
  void push(double v) {
    for (std::uint64_t c = count_++; c & 1; c >>= 1) v = level_[--depth_] + v;
    level_[depth_++] = v;
  }
  double result() const {
    if (depth_ == 0) return 0.0;
    double r = level_[depth_ - 1];
    for (int d = depth_ - 2; d >= 0; --d) r = level_[d] + r;
    return r;
  }

 private:
  double level_[64];
  std::uint64_t count_ = 0;
  int depth_ = 0;
};

/// Calls fold(chunk(b, e)) for the chunks [b, e) of [0, n), in order. Chunks are computed in
/// parallel in batches (no allocation: a fixed buffer of partial results); the fold always
/// sees them in the same order, whatever the number of threads.
template <class R, class Chunk, class Fold>
void for_chunks(std::size_t n, Chunk chunk, Fold fold) {
  constexpr std::size_t kBatch = 256;
  const std::size_t chunks = (n + kReduceChunk - 1) / kReduceChunk;
  const std::size_t threads = parallel::threads_for(n, parallel::Cost::reduce);
  R partial[kBatch];
  for (std::size_t first = 0; first < chunks; first += kBatch) {
    const std::size_t count = chunks - first < kBatch ? chunks - first : kBatch;
    auto run = [&](std::size_t k0, std::size_t k1) {
      for (std::size_t k = k0; k < k1; ++k) {
        const std::size_t b = (first + k) * kReduceChunk;
        partial[k] = chunk(b, n - b < kReduceChunk ? n : b + kReduceChunk);
      }
    };
    const std::size_t parts = threads < count ? threads : count;
    if (parts <= 1) {
      run(0, count);
    } else {
      parallel::run_parts(parts, [&](std::size_t i) { run(count * i / parts, count * (i + 1) / parts); });
    }
    for (std::size_t k = 0; k < count; ++k) fold(partial[k]);
  }
}

/// sum over the chunks [b, e) of [0, n) of chunk(b, e), combined pairwise in a fixed order.
template <class F>
double chunked_sum(std::size_t n, F chunk) {
  if (n <= kReduceChunk) return chunk(0, n);
  PairwiseDoubles total;
  for_chunks<double>(n, chunk, [&](double v) { total.push(v); });
  return total.result();
}

/// Count, mean and M2 = sum (x - mean)^2 of a set of values; merge() is Chan's update.
struct Moments {
  double count = 0, mean = 0, m2 = 0;
  void merge(const Moments& o) {
    const double total = count + o.count;
    if (total == 0) return;
    const double delta = o.mean - mean;
    mean += delta * o.count / total;
    m2 += o.m2 + delta * delta * count * o.count / total;
    count = total;
  }
};

/// The active float-reduction kernels for T.
template <class T>
const cpu::FloatReduceKernels<T>& float_kernels() {
  return cpu::float_reduce<T>(cpu::kernels());
}

/// sum(x) in double precision (before any rounding to T), chunked as above.
template <class T>
double sum_double(std::span<const T> x) {
  const auto k = float_kernels<T>().sum;
  return chunked_sum(x.size(), [&](std::size_t b, std::size_t e) { return k(x.data() + b, e - b); });
}

/// Index of the first NaN, else of the first extreme, over [0, n), from per-part results of
/// the kernel arg(x + b, e - b). less(a, b) orders values (a better than b).
template <class T, class Arg, class Better>
std::size_t parallel_arg(const T* x, std::size_t n, Arg arg, Better better) {
  const std::size_t parts = parallel::threads_for(n, parallel::Cost::reduce);
  if (parts <= 1) return arg(x, n);
  constexpr std::size_t kMaxParts = 256;
  std::size_t idx[kMaxParts];
  const std::size_t p = parts < kMaxParts ? parts : kMaxParts;
  parallel::run_parts(p, [&](std::size_t i) {
    const auto [b, e] = parallel::part_range(n, p, i);
    idx[i] = b < e ? b + arg(x + b, e - b) : n;
  });
  std::size_t best = n;
  for (std::size_t i = 0; i < p; ++i) {
    const std::size_t k = idx[i];
    if (k == n) continue;
    // The first part holding a NaN has the first NaN.
    if (x[k] != x[k]) return k;  // NOLINT(misc-redundant-expression): NaN test
    if (best == n || better(x[k], x[best])) best = k;
  }
  return best;
}

}  // namespace trueno::detail
