// gemm.hpp: the CPU executor of the matrix products: C = alpha op(A) op(B) + beta C, batches of
// such products, and the matrix-vector products. Out of line (gemm.cpp): one call is thousands
// of multiply-adds, and the thread grid and packing scratch are the executor's own business.
#pragma once

#include <cstddef>

#include "cpu/kernel_table.hpp"
#include "trueno/linalg.hpp"

namespace trueno::cpu::exec {

/// C = alpha A B + beta C as g describes it (shapes valid, C disjoint from A and B). k == 0 or
/// alpha == 0 reads neither A nor B; beta == 0 does not read C (NaN in C does not propagate).
void gemm(const GemmArgs<float>& g);
void gemm(const GemmArgs<double>& g);

/// `batch` independent products: product i is g with A, B and C moved by i * stride_a,
/// i * stride_b and i * stride_c elements.
void batched_gemm(const GemmArgs<float>& g, std::size_t batch, std::size_t stride_a, std::size_t stride_b,
                  std::size_t stride_c);
void batched_gemm(const GemmArgs<double>& g, std::size_t batch, std::size_t stride_a, std::size_t stride_b,
                  std::size_t stride_c);

/// y = alpha op(A) x + beta y: A m x n (row stride lda), op(A) = A (x n, y m elements) or A^T
/// (x m, y n elements); x and y contiguous, y disjoint from A and x.
void gemv(Transpose ta, std::size_t m, std::size_t n, float alpha, const float* a, std::size_t lda, const float* x,
          float beta, float* y);
void gemv(Transpose ta, std::size_t m, std::size_t n, double alpha, const double* a, std::size_t lda, const double* x,
          double beta, double* y);

}  // namespace trueno::cpu::exec
