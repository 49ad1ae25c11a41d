// exec/strided.hpp: the CPU executor of the N-d element-wise forms. A Layout (core/layout.hpp:
// broadcast, ordered, merged) is walked row by row, a row being the innermost dimension; the
// rows of one thread's range go through the same 1-d kernels as the contiguous forms, in
// blocks: an operand contiguous along the row is passed as it is, a broadcast one (stride 0)
// through a block filled with its value (once, while the value stays the same), any other
// stride gathered into a block (and the output scattered from one). The blocks live on the
// thread's stack (kBlock elements each: with 3 double operands, 12 KiB, within L1).
#pragma once

#include <array>
#include <cstddef>
#include <cstring>

#include "core/layout.hpp"
#include "cpu/parallel/parallel.hpp"

namespace trueno::cpu::exec {

inline constexpr std::size_t kBlock = 512;

/// Calls block(inputs, out, m) over the layout's elements (operand 0 the output, 1... the
/// inputs), where inputs[k] and out are contiguous runs of m <= kBlock elements.
template <class T, std::size_t K, class Block>
void strided_map(const trueno::detail::Layout<K>& l, T* out, const std::array<const T*, K - 1>& in, parallel::Cost cost,
                 Block block) {
  constexpr std::size_t N = K - 1;
  const std::size_t nd = l.ndim, inner = l.shape[nd - 1];
  parallel::for_ranges(l.size(), cost, [&](std::size_t s, std::size_t e) {
    alignas(64) T buf[K][kBlock];
    std::array<const T*, N> filled_from{};  // the broadcast value each input's block holds
    std::array<std::size_t, N> filled{};    // and in how many elements (filled as needed)
    // The multi-index of s's row and each operand's offset of that row's start.
    std::array<std::size_t, kMaxDims> idx{};
    std::array<std::ptrdiff_t, K> row{};
    std::size_t r = s / inner, col = s % inner;
    for (std::size_t d = nd - 1; d-- > 0;) {
      idx[d] = r % l.shape[d];
      r /= l.shape[d];
      for (std::size_t k = 0; k < K; ++k) row[k] += static_cast<std::ptrdiff_t>(idx[d]) * l.strides[k][d];
    }
    std::size_t pos = s;
    while (pos < e) {
      const std::size_t len = inner - col < e - pos ? inner - col : e - pos;
      for (std::size_t c = 0; c < len; c += kBlock) {
        const std::size_t m = len - c < kBlock ? len - c : kBlock;
        const auto at = static_cast<std::ptrdiff_t>(col + c);
        std::array<const T*, N> args;
        for (std::size_t k = 0; k < N; ++k) {
          const std::ptrdiff_t st = l.strides[k + 1][nd - 1];
          const T* p = in[k] + row[k + 1] + at * st;
          if (st == 1) {
            args[k] = p;
          } else if (st == 0) {
            if (filled_from[k] != p || filled[k] < m) {
              for (std::size_t i = 0; i < m; ++i) buf[k + 1][i] = *p;
              filled_from[k] = p;
              filled[k] = m;
            }
            args[k] = buf[k + 1];
          } else {
            for (std::size_t i = 0; i < m; ++i) buf[k + 1][i] = p[static_cast<std::ptrdiff_t>(i) * st];
            args[k] = buf[k + 1];
          }
        }
        const std::ptrdiff_t so = l.strides[0][nd - 1];
        T* o = out + row[0] + at * so;
        if (so == 1) {
          block(args, o, m);
        } else {
          block(args, buf[0], m);
          for (std::size_t i = 0; i < m; ++i) o[static_cast<std::ptrdiff_t>(i) * so] = buf[0][i];
        }
      }
      pos += len;
      col = 0;
      for (std::size_t d = nd - 1; d-- > 0;) {  // the next row: increment the multi-index
        for (std::size_t k = 0; k < K; ++k) row[k] += l.strides[k][d];
        if (++idx[d] < l.shape[d]) break;
        for (std::size_t k = 0; k < K; ++k) row[k] -= static_cast<std::ptrdiff_t>(l.shape[d]) * l.strides[k][d];
        idx[d] = 0;
      }
    }
  });
}

/// to = from, element by element over the layout (operand 0: to, operand 1: from): a gather,
/// a scatter or a transposing copy between a view and scratch memory.
template <class T>
void strided_copy(const trueno::detail::Layout<2>& l, const T* from, T* to) {
  strided_map<T, 2>(l, to, {from}, parallel::Cost::memory, [](const std::array<const T*, 1>& in, T* o, std::size_t m) {
    std::memcpy(o, in[0], m * sizeof(T));
  });
}

}  // namespace trueno::cpu::exec
