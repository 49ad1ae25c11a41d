// checks.hpp: argument validation shared by the op front-ends. Every message names the op
// and the sizes ("trueno::add: a has 5 elements but b has 4").
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "trueno/error.hpp"

namespace trueno::detail {

inline std::string op_prefix(const char* op) { return std::string("trueno::") + op + ": "; }

inline void check_same_size(const char* op, const char* name_a, std::size_t a, const char* name_b, std::size_t b) {
  if (a != b) {
    throw SizeMismatch(op_prefix(op) + name_a + " has " + std::to_string(a) + " elements but " + name_b + " has " +
                       std::to_string(b));
  }
}

inline void check_not_empty(const char* op, std::size_t n) {
  if (n == 0) throw EmptyInput(op_prefix(op) + "empty input (the result is undefined)");
}

[[noreturn]] inline void throw_invalid(const char* op, const std::string& what) {
  throw InvalidArgument(op_prefix(op) + what);
}

/// InvalidArgument unless axis names one of the ndim dimensions of x.
inline void check_axis(const char* op, std::size_t axis, std::size_t ndim) {
  if (axis >= ndim) {
    throw_invalid(op,
                  "axis " + std::to_string(axis) + " is out of range for x of " + std::to_string(ndim) + " dimensions");
  }
}

/// out must have n elements and be either the very same memory as in, or disjoint from it.
/// Always inlined: it is on every element-wise call's path (a few compares when it passes), and
/// GCC stops inlining it into a file that instantiates it for dozens of ops.
template <class T>
[[gnu::always_inline]] inline void check_output(const char* op, std::span<const T> in, const char* in_name,
                                                std::span<T> out) {
  check_same_size(op, "out", out.size(), in_name, in.size());
  const T* i0 = in.data();
  const T* o0 = out.data();
  if (i0 != o0 && !in.empty() && o0 < i0 + in.size() && i0 < o0 + out.size()) {
    throw_invalid(
        op, std::string("out partially overlaps ") + in_name + " (it may be the same array, or disjoint from it)");
  }
}

}  // namespace trueno::detail
