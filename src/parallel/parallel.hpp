// parallel.hpp: the thread policy. Kernels only ever see [begin, end) ranges; the front-ends
// hand a range to for_ranges, which decides whether and how to split it.
#pragma once

#include <cstddef>

namespace trueno::parallel {

/// Element-wise work of n elements: calls f(begin, end) over a partition of [0, n).
/// (Single-threaded until the threading policy lands; the seam is here.)
template <class F>
void for_ranges(std::size_t n, F&& f) {
  if (n != 0) f(std::size_t{0}, n);
}

}  // namespace trueno::parallel
