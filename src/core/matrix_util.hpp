// matrix_util.hpp: shape messages and overlap checks shared by the matrix front-ends
// (matmul.cpp, matrix_ops.cpp, eigen.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <utility>

#include "core/checks.hpp"
#include "trueno/linalg.hpp"
#include "trueno/matrix.hpp"

namespace trueno::detail {

inline std::string shape(std::size_t rows, std::size_t cols) {
  return std::to_string(rows) + "x" + std::to_string(cols);
}

template <class T>
std::string shape(ConstMatrixView<T> v) {
  return shape(v.rows(), v.cols());
}

/// The memory a view spans, [first, last) element addresses (empty view: an empty range).
template <class T>
std::pair<const T*, const T*> extent(ConstMatrixView<T> v) {
  if (v.empty()) return {v.data(), v.data()};
  return {v.data(), v.data() + (v.rows() - 1) * v.stride() + v.cols()};
}

/// Compared through std::less so that unrelated arrays are ordered safely.
template <class T>
bool overlap(std::pair<const T*, const T*> a, std::pair<const T*, const T*> b) {
  if (a.first == a.second || b.first == b.second) return false;
  const std::less<const T*> lt;
  return lt(a.first, b.second) && lt(b.first, a.second);
}

template <class T>
void check_disjoint(const char* op, ConstMatrixView<T> out, const char* in_name, ConstMatrixView<T> in) {
  if (overlap(extent(out), extent(in)))
    throw_invalid(op, std::string("out overlaps ") + in_name + " (matrix outputs must not alias inputs)");
}

template <class T>
void check_disjoint(const char* op, std::span<const T> out, const char* in_name, std::pair<const T*, const T*> in) {
  if (overlap<T>({out.data(), out.data() + out.size()}, in))
    throw_invalid(op, std::string("out overlaps ") + in_name + " (matrix outputs must not alias inputs)");
}

template <class T>
void check_out_shape(const char* op, ConstMatrixView<T> out, std::size_t rows, std::size_t cols) {
  if (out.rows() != rows || out.cols() != cols)
    throw SizeMismatch(op_prefix(op) + "out is " + shape(out) + " but the result is " + shape(rows, cols));
}

}  // namespace trueno::detail
