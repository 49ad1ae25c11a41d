// rows.hpp: the CPU executor of the row-wise ops (softmax, log_softmax, layer_norm, rms_norm over
// each row of a contiguous row-major rows x cols array), rows split across threads.
#pragma once

#include <cstddef>

#include "cpu/dispatch.hpp"
#include "cpu/parallel/parallel.hpp"

namespace trueno::cpu::exec {

namespace detail {

template <class T>
const RowKernels<T>& row_kernels() {
  return cpu::rows<T>(kernels());
}

// Calls f(row_in, row_out) for every row; rows split across threads once the work pays.
template <class T, class F>
void for_rows(const T* x, T* out, std::size_t rows, std::size_t cols, F f) {
  if (cols == 0) return;
  parallel::for_items(rows, cols, parallel::Cost::compute, [&](std::size_t b, std::size_t e) {
    for (std::size_t r = b; r < e; ++r) f(x + r * cols, out + r * cols);
  });
}

}  // namespace detail

/// out = softmax of each row of x (out may be x).
template <class T>
void softmax(const T* x, T* out, std::size_t rows, std::size_t cols) {
  const auto k = detail::row_kernels<T>().softmax;
  detail::for_rows(x, out, rows, cols, [&](const T* xi, T* oi) { k(xi, oi, cols); });
}

/// out = log_softmax of each row of x (out may be x).
template <class T>
void log_softmax(const T* x, T* out, std::size_t rows, std::size_t cols) {
  const auto k = detail::row_kernels<T>().log_softmax;
  detail::for_rows(x, out, rows, cols, [&](const T* xi, T* oi) { k(xi, oi, cols); });
}

/// out = (x - mean) / sqrt(var + eps) * gamma + beta per row; gamma / beta (cols each) may be null.
template <class T>
void layer_norm(const T* x, const T* gamma, const T* beta, double eps, T* out, std::size_t rows, std::size_t cols) {
  const auto k = detail::row_kernels<T>().layer_norm;
  detail::for_rows(x, out, rows, cols, [&](const T* xi, T* oi) { k(xi, gamma, beta, eps, oi, cols); });
}

/// out = x / sqrt(mean(x^2) + eps) * gamma per row; gamma (cols) may be null.
template <class T>
void rms_norm(const T* x, const T* gamma, double eps, T* out, std::size_t rows, std::size_t cols) {
  const auto k = detail::row_kernels<T>().rms_norm;
  detail::for_rows(x, out, rows, cols, [&](const T* xi, T* oi) { k(xi, gamma, eps, oi, cols); });
}

}  // namespace trueno::cpu::exec
