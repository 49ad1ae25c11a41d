// matrix.hpp: the CPU executor of the matrix rearrangements and filters: transpose and the valid
// 2-D correlation (convolution is correlation with the kernel walked backwards).
#pragma once

#include <cstddef>

#include "cpu/dispatch.hpp"
#include "cpu/parallel/parallel.hpp"

namespace trueno::cpu::exec {

/// dst = src^T: src rows x cols (row stride lds), dst cols x rows (row stride ldd), disjoint.
template <class T>
void transpose(const T* src, std::size_t lds, std::size_t rows, std::size_t cols, T* dst, std::size_t ldd) {
  if (rows == 0 || cols == 0) return;
  const auto k = matrix<T>(kernels()).transpose;
  // Source rows [b, e) become destination columns [b, e): independent pieces.
  parallel::for_items(rows, cols, parallel::Cost::memory,
                      [&](std::size_t b, std::size_t e) { k(src + b * lds, lds, e - b, cols, dst + b, ldd); });
}

/// out[i, j] = sum_{p < kh, q < kw} img[i + p, j + q] ker(p, q) for the oh x ow output (row
/// stride ldo); img has row stride ldi; out disjoint from both inputs.
template <class T>
void correlate2d(const T* img, std::size_t ldi, MatRef<T> ker, std::size_t kh, std::size_t kw, T* out, std::size_t ldo,
                 std::size_t oh, std::size_t ow) {
  const auto k = matrix<T>(kernels()).correlate2d;
  // Output rows [b, e) read image rows [b, e + kh - 1): independent pieces.
  parallel::for_items(oh, ow * kh * kw, parallel::Cost::memory, [&](std::size_t b, std::size_t e) {
    k(img + b * ldi, ldi, ker, kh, kw, out + b * ldo, ldo, e - b, ow);
  });
}

}  // namespace trueno::cpu::exec
