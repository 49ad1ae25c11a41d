// unary_frontend.hpp: the front-end of the element-wise ops of one input: check the output,
// allocate the result (allocating form), hand the validated op to the executor.
#pragma once

#include <span>

#include "core/checks.hpp"
#include "trueno/vector.hpp"

namespace trueno::detail {

/// run(x, out, n) on the host arrays once out is known to fit x (same size; the same memory
/// or disjoint). run calls the executor: cpu::exec for host memory.
template <class T, class Run>
void unary_into(const char* op, std::span<const T> x, std::span<T> out, Run run) {
  check_output(op, x, "x", out);
  run(x.data(), out.data(), x.size());
}

/// The allocating form: one allocation, the result.
template <class T, class Run>
Vector<T> unary_alloc(const char* op, std::span<const T> x, Run run) {
  auto r = Vector<T>::uninitialized(x.size());
  unary_into<T>(op, x, r.span(), run);
  return r;
}

}  // namespace trueno::detail
