// chunking.hpp: how the CPU executor splits reductions: fixed chunks combined in a fixed order
// (bit-identical results whatever the thread count), and per-part results of a split pass.
#pragma once

#include <cstddef>
#include <cstdint>

#include "cpu/parallel/parallel.hpp"

namespace trueno::cpu::exec::detail {

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

/// The most parts a split pass keeps results for (a fixed array on the stack: no allocation).
inline constexpr std::size_t kMaxParts = 256;

/// Splits [0, n) into min(parts, kMaxParts) contiguous pieces (parallel::part_range), sets
/// out[i] = part(b, e) for piece i on the pool's threads, and returns the number of pieces.
template <class R, class Part>
std::size_t split_parts(std::size_t n, std::size_t parts, R* out, Part part) {
  const std::size_t p = parts < kMaxParts ? parts : kMaxParts;
  parallel::run_parts(p, [&](std::size_t i) {
    const auto [b, e] = parallel::part_range(n, p, i);
    out[i] = part(b, e);
  });
  return p;
}

}  // namespace trueno::cpu::exec::detail
