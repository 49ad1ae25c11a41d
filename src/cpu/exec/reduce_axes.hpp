// exec/reduce_axes.hpp: the CPU executor of the axis reductions (the N-d forms of
// reductions.hpp and statistics.hpp). The front-end (core/reduce_axes.cpp) has checked the
// layout, that no run is empty where the op is undefined on it, and ddof < run.
#pragma once

#include <cstddef>

#include "core/operands.hpp"

namespace trueno::cpu::exec {

/// out[kept index] = op over x's run at that index (R: float, double, or int64 for the
/// arg-reductions, the index along the reduced dimension).
template <class T, class R>
void reduce_axes(ReduceOp op, const T* x, const ReduceLayout& l, R* out, std::size_t ddof);

}  // namespace trueno::cpu::exec
