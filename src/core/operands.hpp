// operands.hpp: how the front-ends describe an operation's operands to a device executor. These
// types belong to neither device: the CPU executor (cpu/exec/) and its kernels read them, and a
// CUDA executor maps them onto its own calls (a MatRef's strides are what cuBLAS's leading
// dimension and transpose flags express).
#pragma once

#include <cstddef>

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

}  // namespace trueno
