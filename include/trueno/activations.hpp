// trueno/activations.hpp: neural-network activations, element-wise and row-wise (softmax,
// log_softmax, layer_norm, rms_norm over the last axis of a row-major rows x cols array).
//
// Forms and errors as in elementwise.hpp: an allocating form returning a Vector, and a span
// form writing into `out` (which may be the very same memory as `x`). Element-wise activations
// follow PyTorch's definitions; their measured ULP bounds (all 2^32 floats, every backend) are
// in docs/accuracy.md. NaN in gives NaN out.
#pragma once

#include <cstddef>
#include <span>

#include "trueno/array_view.hpp"
#include "trueno/op_list.hpp"
#include "trueno/vector.hpp"

namespace trueno {

/// The `approximate` argument of gelu, as in PyTorch.
enum class GeluApprox { none, tanh };

// The listed ops (trueno/op_list.hpp, with their bounds): relu sigmoid swish mish hardswish
// hardsigmoid, and silu (alias of swish).
TRUENO_ACTIVATION_UNARY_OPS(TRUENO_DECLARE_UNARY)
TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_DECLARE_ALIAS)

/// x for x > 0, slope * x otherwise (PyTorch leaky_relu). Exact up to the product's rounding.
Vector<float> leaky_relu(std::span<const float> x, float slope = 0.01f);
Vector<double> leaky_relu(std::span<const double> x, double slope = 0.01);
void leaky_relu(std::span<const float> x, float slope, std::span<float> out);
void leaky_relu(std::span<const double> x, double slope, std::span<double> out);

/// x for x > 0, alpha * (e^x - 1) otherwise (PyTorch elu). Bound in docs/accuracy.md.
Vector<float> elu(std::span<const float> x, float alpha = 1.0f);
Vector<double> elu(std::span<const double> x, double alpha = 1.0);
void elu(std::span<const float> x, float alpha, std::span<float> out);
void elu(std::span<const double> x, double alpha, std::span<double> out);

/// max(0, x) + min(0, alpha * (e^(x/alpha) - 1)) (PyTorch celu). InvalidArgument if alpha == 0.
Vector<float> celu(std::span<const float> x, float alpha = 1.0f);
Vector<double> celu(std::span<const double> x, double alpha = 1.0);
void celu(std::span<const float> x, float alpha, std::span<float> out);
void celu(std::span<const double> x, double alpha, std::span<double> out);

/// scale * elu(x, alpha) with PyTorch's constants (alpha = 1.6732632..., scale = 1.0507009...).
Vector<float> selu(std::span<const float> x);
Vector<double> selu(std::span<const double> x);
void selu(std::span<const float> x, std::span<float> out);
void selu(std::span<const double> x, std::span<double> out);

/// log(1 + e^(beta x)) / beta, and x itself where beta x > threshold (PyTorch softplus).
/// InvalidArgument if beta == 0 or a parameter is NaN.
Vector<float> softplus(std::span<const float> x, float beta = 1.0f, float threshold = 20.0f);
Vector<double> softplus(std::span<const double> x, double beta = 1.0, double threshold = 20.0);
void softplus(std::span<const float> x, float beta, float threshold, std::span<float> out);
void softplus(std::span<const double> x, double beta, double threshold, std::span<double> out);

/// x * Phi(x) (approximate = none, the erf form) or PyTorch's tanh approximation
/// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). Accurate also deep in the negative tail.
Vector<float> gelu(std::span<const float> x, GeluApprox approximate = GeluApprox::none);
Vector<double> gelu(std::span<const double> x, GeluApprox approximate = GeluApprox::none);
void gelu(std::span<const float> x, GeluApprox approximate, std::span<float> out);
void gelu(std::span<const double> x, GeluApprox approximate, std::span<double> out);

// ---- row-wise, along the last axis of a row-major rows x cols array --------------------------
// x.size() must equal rows * cols (SizeMismatch otherwise); the 1-D forms are one row. Rows are
// independent (and processed in parallel); cols == 0 or rows == 0 does nothing.

/// e^(x - max) / sum e^(x - max) per row: stable for every finite input (x = 1e30 is fine, no
/// all-zero rows), -inf entries give 0 (an all -inf row gives NaN, as PyTorch). One pass for
/// max and sum (online), one write pass. Error: docs/accuracy.md.
Vector<float> softmax(std::span<const float> x);
Vector<double> softmax(std::span<const double> x);
void softmax(std::span<const float> x, std::span<float> out);
void softmax(std::span<const double> x, std::span<double> out);
Vector<float> softmax(std::span<const float> x, std::size_t rows, std::size_t cols);
Vector<double> softmax(std::span<const double> x, std::size_t rows, std::size_t cols);
void softmax(std::span<const float> x, std::size_t rows, std::size_t cols, std::span<float> out);
void softmax(std::span<const double> x, std::size_t rows, std::size_t cols, std::span<double> out);

/// Along dimension `axis` of an N-d view (torch.softmax(x, dim=axis)): out has x's shape, any
/// strides, and is the very same view as x or disjoint from it (InvalidArgument otherwise, or
/// when axis >= x.ndim()); SizeMismatch when the shapes differ. The same kernels as the rows
/// forms (the same accuracy); an axis other than a contiguous innermost one is gathered into
/// per-thread scratch as rows and scattered back.
void softmax(ArrayView<const float> x, std::size_t axis, ArrayView<float> out);
void softmax(ArrayView<const double> x, std::size_t axis, ArrayView<double> out);
void log_softmax(ArrayView<const float> x, std::size_t axis, ArrayView<float> out);
void log_softmax(ArrayView<const double> x, std::size_t axis, ArrayView<double> out);

/// x - max - log(sum e^(x - max)) per row; same passes and stability as softmax.
Vector<float> log_softmax(std::span<const float> x);
Vector<double> log_softmax(std::span<const double> x);
void log_softmax(std::span<const float> x, std::span<float> out);
void log_softmax(std::span<const double> x, std::span<double> out);
Vector<float> log_softmax(std::span<const float> x, std::size_t rows, std::size_t cols);
Vector<double> log_softmax(std::span<const double> x, std::size_t rows, std::size_t cols);
void log_softmax(std::span<const float> x, std::size_t rows, std::size_t cols, std::span<float> out);
void log_softmax(std::span<const double> x, std::size_t rows, std::size_t cols, std::span<double> out);

/// (x - mean) / sqrt(var + eps) * gamma + beta per row (biased variance, PyTorch layer_norm).
/// gamma and beta have cols elements, or are empty (no scale / no shift). Statistics and the
/// output are computed in double and rounded once. InvalidArgument unless eps > 0 (finite).
Vector<float> layer_norm(std::span<const float> x, std::span<const float> gamma, std::span<const float> beta,
                         float eps = 1e-5f);
Vector<double> layer_norm(std::span<const double> x, std::span<const double> gamma, std::span<const double> beta,
                          double eps = 1e-5);
void layer_norm(std::span<const float> x, std::span<const float> gamma, std::span<const float> beta, float eps,
                std::span<float> out);
void layer_norm(std::span<const double> x, std::span<const double> gamma, std::span<const double> beta, double eps,
                std::span<double> out);
Vector<float> layer_norm(std::span<const float> x, std::size_t rows, std::size_t cols, std::span<const float> gamma,
                         std::span<const float> beta, float eps = 1e-5f);
Vector<double> layer_norm(std::span<const double> x, std::size_t rows, std::size_t cols, std::span<const double> gamma,
                          std::span<const double> beta, double eps = 1e-5);
void layer_norm(std::span<const float> x, std::size_t rows, std::size_t cols, std::span<const float> gamma,
                std::span<const float> beta, float eps, std::span<float> out);
void layer_norm(std::span<const double> x, std::size_t rows, std::size_t cols, std::span<const double> gamma,
                std::span<const double> beta, double eps, std::span<double> out);

/// x / sqrt(mean(x^2) + eps) * gamma per row (RMSNorm); gamma has cols elements or is empty.
/// Computed in double, rounded once. InvalidArgument unless eps > 0 (finite).
Vector<float> rms_norm(std::span<const float> x, std::span<const float> gamma, float eps = 1e-6f);
Vector<double> rms_norm(std::span<const double> x, std::span<const double> gamma, double eps = 1e-6);
void rms_norm(std::span<const float> x, std::span<const float> gamma, float eps, std::span<float> out);
void rms_norm(std::span<const double> x, std::span<const double> gamma, double eps, std::span<double> out);
Vector<float> rms_norm(std::span<const float> x, std::size_t rows, std::size_t cols, std::span<const float> gamma,
                       float eps = 1e-6f);
Vector<double> rms_norm(std::span<const double> x, std::size_t rows, std::size_t cols, std::span<const double> gamma,
                        double eps = 1e-6);
void rms_norm(std::span<const float> x, std::size_t rows, std::size_t cols, std::span<const float> gamma, float eps,
              std::span<float> out);
void rms_norm(std::span<const double> x, std::size_t rows, std::size_t cols, std::span<const double> gamma, double eps,
              std::span<double> out);

}  // namespace trueno
