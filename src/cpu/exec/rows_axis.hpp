// exec/rows_axis.hpp: the CPU executor of softmax / log_softmax along any axis of a view.
#pragma once

#include <cstddef>

#include "trueno/array_view.hpp"

namespace trueno::cpu::exec {

/// out = softmax (log: log_softmax) of x along axis; validated views of one shape, not empty.
template <class T>
void softmax_axis(bool log, ArrayView<const T> x, std::size_t axis, ArrayView<T> out);

}  // namespace trueno::cpu::exec
