// reduce_util.hpp: the fixed chunking of long reductions shared by the front-ends.
#pragma once

#include <cstddef>
#include <cstdint>

namespace trueno::detail {

/// Reductions are computed on chunks of this many elements (the kernels sum each chunk
/// pairwise); chunk results are combined pairwise in a fixed order. 64Ki elements keeps the
/// per-chunk overhead (a horizontal reduction) far below 1% and gives threads enough chunks.
inline constexpr std::size_t kReduceChunk = std::size_t{1} << 16;

/// sum over chunks [b, e) of [0, n) of chunk(b, e), combined as a balanced binary tree whose
/// shape depends on n only.
template <class F>
double chunked_sum(std::size_t n, F chunk) {
  if (n <= kReduceChunk) return chunk(0, n);
  double level[64];
  int depth = 0;
  std::uint64_t count = 0;
  for (std::size_t b = 0; b < n; b += kReduceChunk) {
    double v = chunk(b, n - b < kReduceChunk ? n : b + kReduceChunk);
    for (std::uint64_t c = count++; c & 1; c >>= 1) v = level[--depth] + v;
    level[depth++] = v;
  }
  double r = level[depth - 1];
  for (int d = depth - 2; d >= 0; --d) r = level[d] + r;
  return r;
}

}  // namespace trueno::detail
