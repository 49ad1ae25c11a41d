// operands.hpp: how the front-ends describe an operation's operands to a device executor. These
// types belong to neither device: the CPU executor (cpu/exec/) and its kernels read them, and a
// CUDA executor maps them onto its own calls (a MatRef's strides are what cuBLAS's leading
// dimension and transpose flags express).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "trueno/array_view.hpp"

namespace trueno {

/// A strided matrix operand: element (i, j) at data[i * rs + j * cs] (strides in elements;
/// negative strides walk backwards, e.g. a flipped convolution kernel).
template <class T>
struct MatRef {
  const T* data;
  std::ptrdiff_t rs;
  std::ptrdiff_t cs;
};

/// C = alpha * A B + beta * C with A m x k, B k x n (any strides), C m x n with row stride ldc.
/// beta == 0 means C is not read (NaN in C does not propagate).
template <class T>
struct GemmArgs {
  std::size_t m, n, k;
  T alpha, beta;
  MatRef<T> a, b;
  T* c;
  std::size_t ldc;
};

/// What an axis reduction computes over each run (the N-d forms of reductions.hpp and
/// statistics.hpp).
enum class ReduceOp : std::uint8_t {
  sum,
  mean,
  min,
  max,
  norm_l1,
  norm_l2,
  norm_linf,
  sum_sq,
  variance,
  stddev,
  argmin,
  argmax
};

/// An axis reduction's iteration space (core/layout.hpp, make_reduce_layout): the kept
/// dimensions (nk, x's and out's strides) and the reduced ones (nr, x's strides), in elements.
/// Each group is without dimensions of size 1, ordered by stride (largest first) and merged
/// where its strides allow; so a run that is contiguous in x has nr == 1 and rx[0] == 1.
struct ReduceLayout {
  std::size_t nk = 0, nr = 0;
  std::array<std::size_t, kMaxDims> kshape{}, rshape{};
  std::array<std::ptrdiff_t, kMaxDims> kx{}, kout{}, rx{};

  std::size_t outputs() const {
    std::size_t n = 1;
    for (std::size_t d = 0; d < nk; ++d) n *= kshape[d];
    return n;
  }
  std::size_t run() const {
    std::size_t n = 1;
    for (std::size_t d = 0; d < nr; ++d) n *= rshape[d];
    return n;
  }
};

}  // namespace trueno
