// trueno/linalg.hpp: matrix operations: matmul/gemm, matvec/vecmat, transpose, batched
// matmul, 2-D convolution and the symmetric eigendecomposition, for float and double.
//
// Forms: an allocating form returns a new Matrix/Vector (exactly one allocation: the result);
// the `out` form writes into a caller's view or span and allocates nothing (matmul, gemm,
// batched matmul and symmetric_eigen use a per-thread scratch buffer that is reused across
// calls; see docs/matrix.md). Outputs must not overlap inputs (InvalidArgument), except where
// stated.
// Errors: SizeMismatch when shapes disagree (the message names the op and every shape),
// InvalidArgument for overlapping outputs and invalid arguments, EmptyInput where the result
// is undefined.
// Accuracy (docs/accuracy.md): products and sums accumulate in T with FMA; every element of a
// product satisfies |c - c_exact| <= k * eps(T) * sum_p |a_ip| |b_pj| (k the inner
// dimension), the classical bound. NaN and infinity propagate as in IEEE arithmetic, except
// that beta == 0 ignores the prior contents of C (BLAS convention).
#pragma once

#include <cstddef>
#include <span>

#include "trueno/matrix.hpp"
#include "trueno/vector.hpp"

namespace trueno {

/// How a product reads an operand: as stored, or transposed (A^T) without materializing it.
enum class Transpose : bool { no = false, yes = true };

// ---- matmul / gemm ---------------------------------------------------------------------------
/// op(A) op(B) where op(X) is X or X^T. SizeMismatch if the inner dimensions differ.
/// M == 1 or N == 1 runs the matrix-vector path (memory-bound, every element of the matrix read
/// once); other shapes the packed, cache-blocked GEMM.
Matrix<float> matmul(ConstMatrixView<float> a, ConstMatrixView<float> b, Transpose ta = Transpose::no,
                     Transpose tb = Transpose::no);
Matrix<double> matmul(ConstMatrixView<double> a, ConstMatrixView<double> b, Transpose ta = Transpose::no,
                      Transpose tb = Transpose::no);
/// out = op(A) op(B); out must be m x n.
void matmul(ConstMatrixView<float> a, ConstMatrixView<float> b, MatrixView<float> out, Transpose ta = Transpose::no,
            Transpose tb = Transpose::no);
void matmul(ConstMatrixView<double> a, ConstMatrixView<double> b, MatrixView<double> out, Transpose ta = Transpose::no,
            Transpose tb = Transpose::no);
/// C = alpha op(A) op(B) + beta C (BLAS xGEMM). beta == 0: C is write-only (its NaNs vanish).
void gemm(float alpha, ConstMatrixView<float> a, ConstMatrixView<float> b, float beta, MatrixView<float> c,
          Transpose ta = Transpose::no, Transpose tb = Transpose::no);
void gemm(double alpha, ConstMatrixView<double> a, ConstMatrixView<double> b, double beta, MatrixView<double> c,
          Transpose ta = Transpose::no, Transpose tb = Transpose::no);

// ---- matrix-vector ---------------------------------------------------------------------------
/// A x (m elements) for A m x n and x of n elements.
Vector<float> matvec(ConstMatrixView<float> a, std::span<const float> x);
Vector<double> matvec(ConstMatrixView<double> a, std::span<const double> x);
void matvec(ConstMatrixView<float> a, std::span<const float> x, std::span<float> out);
void matvec(ConstMatrixView<double> a, std::span<const double> x, std::span<double> out);
/// x^T A (n elements) for x of m elements and A m x n: single-row inference (x @ W).
Vector<float> vecmat(std::span<const float> x, ConstMatrixView<float> a);
Vector<double> vecmat(std::span<const double> x, ConstMatrixView<double> a);
void vecmat(std::span<const float> x, ConstMatrixView<float> a, std::span<float> out);
void vecmat(std::span<const double> x, ConstMatrixView<double> a, std::span<double> out);

// ---- transpose ---------------------------------------------------------------------------------
/// A^T (cols x rows), exact. The out form needs a cols x rows view that does not overlap A.
Matrix<float> transpose(ConstMatrixView<float> a);
Matrix<double> transpose(ConstMatrixView<double> a);
void transpose(ConstMatrixView<float> a, MatrixView<float> out);
void transpose(ConstMatrixView<double> a, MatrixView<double> out);

// ---- batched matmul --------------------------------------------------------------------------
/// out[i] = op(a[i]) op(b[i]) for i < batch, every operand a contiguous row-major stack:
/// a holds batch matrices of m x k (k x m when ta), b of k x n (n x k when tb), out of m x n.
/// SizeMismatch if a span's length is not batch times its matrix size.
Vector<float> batched_matmul(std::span<const float> a, std::span<const float> b, std::size_t batch, std::size_t m,
                             std::size_t k, std::size_t n, Transpose ta = Transpose::no, Transpose tb = Transpose::no);
Vector<double> batched_matmul(std::span<const double> a, std::span<const double> b, std::size_t batch, std::size_t m,
                              std::size_t k, std::size_t n, Transpose ta = Transpose::no, Transpose tb = Transpose::no);
void batched_matmul(std::span<const float> a, std::span<const float> b, std::span<float> out, std::size_t batch,
                    std::size_t m, std::size_t k, std::size_t n, Transpose ta = Transpose::no,
                    Transpose tb = Transpose::no);
void batched_matmul(std::span<const double> a, std::span<const double> b, std::span<double> out, std::size_t batch,
                    std::size_t m, std::size_t k, std::size_t n, Transpose ta = Transpose::no,
                    Transpose tb = Transpose::no);
/// Attention-shaped: a is batch x heads x m x k, b batch x heads x k x n (batch x heads x n x k
/// when tb, e.g. Q @ K^T with K stored as seq x head_dim), out batch x heads x m x n.
Vector<float> batched_matmul_4d(std::span<const float> a, std::span<const float> b, std::size_t batch,
                                std::size_t heads, std::size_t m, std::size_t k, std::size_t n,
                                Transpose tb = Transpose::no);
Vector<double> batched_matmul_4d(std::span<const double> a, std::span<const double> b, std::size_t batch,
                                 std::size_t heads, std::size_t m, std::size_t k, std::size_t n,
                                 Transpose tb = Transpose::no);
void batched_matmul_4d(std::span<const float> a, std::span<const float> b, std::span<float> out, std::size_t batch,
                       std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb = Transpose::no);
void batched_matmul_4d(std::span<const double> a, std::span<const double> b, std::span<double> out, std::size_t batch,
                       std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb = Transpose::no);

// ---- 2-D convolution (valid mode) ------------------------------------------------------------
/// out[i, j] = sum_{p, q} image[i + p, j + q] * kernel[kh - 1 - p, kw - 1 - q]: the true
/// (kernel-flipped) convolution, as scipy.signal.convolve2d(image, kernel, mode="valid"); out is
/// (H - kh + 1) x (W - kw + 1). InvalidArgument if the kernel is empty or larger than the image.
/// Accuracy: |error| <= kh * kw * eps(T) * sum |image * kernel| over the window.
Matrix<float> convolve2d(ConstMatrixView<float> image, ConstMatrixView<float> kernel);
Matrix<double> convolve2d(ConstMatrixView<double> image, ConstMatrixView<double> kernel);
void convolve2d(ConstMatrixView<float> image, ConstMatrixView<float> kernel, MatrixView<float> out);
void convolve2d(ConstMatrixView<double> image, ConstMatrixView<double> kernel, MatrixView<double> out);
/// The same without flipping the kernel (cross-correlation, the "conv" of CNN frameworks).
Matrix<float> correlate2d(ConstMatrixView<float> image, ConstMatrixView<float> kernel);
Matrix<double> correlate2d(ConstMatrixView<double> image, ConstMatrixView<double> kernel);
void correlate2d(ConstMatrixView<float> image, ConstMatrixView<float> kernel, MatrixView<float> out);
void correlate2d(ConstMatrixView<double> image, ConstMatrixView<double> kernel, MatrixView<double> out);

// ---- symmetric eigendecomposition ------------------------------------------------------------
/// A = V diag(values) V^T with V orthonormal.
template <MatrixElement T>
struct SymmetricEigen {
  Vector<T> values;   ///< eigenvalues, in descending order
  Matrix<T> vectors;  ///< column j is the unit eigenvector of values[j] (as numpy.linalg.eigh)
  /// V diag(values) V^T: the input again, to the accuracy below.
  [[nodiscard]] Matrix<T> reconstruct() const;
};

extern template struct SymmetricEigen<float>;
extern template struct SymmetricEigen<double>;

/// Eigenvalues (descending) and orthonormal eigenvectors of a symmetric matrix: Householder
/// tridiagonalization and implicit QL with Wilkinson shifts, computed in double precision for
/// both types. Accuracy: |lambda - lambda_exact| <= ~n * 2^-53 * ||A||_2 before rounding to T;
/// ||V^T V - I|| and ||A - V diag(values) V^T|| / ||A|| are O(n * eps(double)) likewise, then
/// rounded to T (float: ~1e-7 relative; double: ~1e-14 for n <= 512).
/// Symmetry: A must equal A^T within sqrt(eps(T)) * max|A| element-wise (float 3.5e-4, double
/// 1.5e-8, relative); the decomposition is then that of (A + A^T) / 2, the nearest symmetric
/// matrix. A larger asymmetry throws InvalidArgument naming the worst element.
/// Errors: InvalidArgument if A is not square or has a NaN or infinity; EmptyInput if 0x0.
SymmetricEigen<float> symmetric_eigen(ConstMatrixView<float> a);
SymmetricEigen<double> symmetric_eigen(ConstMatrixView<double> a);

}  // namespace trueno
