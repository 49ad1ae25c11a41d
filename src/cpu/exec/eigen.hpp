// eigen.hpp: the CPU executor of the symmetric eigen decomposition and its reconstruction.
#pragma once

#include <cstddef>

namespace trueno::cpu::exec {

/// Eigen decomposition of the symmetric n x n matrix A (row stride lda; n >= 1, finite, amax =
/// max |A|), in double precision whatever T: values (n) in descending order, the eigenvectors
/// as the columns of `vectors` (n x n, row stride ldv), each with its largest-magnitude
/// component positive. Returns false if the QL iteration does not converge.
bool symmetric_eigen(const float* a, std::size_t lda, std::size_t n, double amax, float* values, float* vectors,
                     std::size_t ldv);
bool symmetric_eigen(const double* a, std::size_t lda, std::size_t n, double amax, double* values, double* vectors,
                     std::size_t ldv);

/// out = V diag(values) V^T: V and out n x n, contiguous; out disjoint from both inputs.
void eigen_reconstruct(const float* values, const float* vectors, std::size_t n, float* out);
void eigen_reconstruct(const double* values, const double* vectors, std::size_t n, double* out);

}  // namespace trueno::cpu::exec
