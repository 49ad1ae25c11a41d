// trueno/statistics.hpp: variance, covariance, correlation and normalizations.
//
// Two-pass algorithms (the mean first), accumulated in double precision: float results are
// within a few ULP of the exact value (docs/accuracy.md). NaN in the input gives NaN results.
// Errors: EmptyInput on empty input; InvalidArgument when ddof >= n, or when a normalization's
// divisor is zero or not finite (zero norm, zero spread, infinite range); SizeMismatch for
// operands of different lengths.
#pragma once

#include <cstddef>
#include <span>

#include "trueno/reductions.hpp"
#include "trueno/vector.hpp"

namespace trueno {

/// sum (x - mean)^2 / (n - ddof); ddof = 0 is the population variance (numpy.var's default).
float variance(std::span<const float> x, std::size_t ddof = 0);
double variance(std::span<const double> x, std::size_t ddof = 0);

/// sqrt(variance(x, ddof)).
float stddev(std::span<const float> x, std::size_t ddof = 0);
double stddev(std::span<const double> x, std::size_t ddof = 0);

/// Over `axes` into out, as the axis reductions of trueno/reductions.hpp (out's shape, a double
/// out for float x); InvalidArgument when ddof >= the run length.
void variance(ArrayView<const float> x, Axes axes, ArrayView<float> out, std::size_t ddof = 0);
void variance(ArrayView<const float> x, Axes axes, ArrayView<double> out, std::size_t ddof = 0);
void variance(ArrayView<const double> x, Axes axes, ArrayView<double> out, std::size_t ddof = 0);
void stddev(ArrayView<const float> x, Axes axes, ArrayView<float> out, std::size_t ddof = 0);
void stddev(ArrayView<const float> x, Axes axes, ArrayView<double> out, std::size_t ddof = 0);
void stddev(ArrayView<const double> x, Axes axes, ArrayView<double> out, std::size_t ddof = 0);

/// sum (a - mean_a)(b - mean_b) / (n - ddof). Note: numpy.cov defaults to ddof = 1.
float covariance(std::span<const float> a, std::span<const float> b, std::size_t ddof = 0);
double covariance(std::span<const double> a, std::span<const double> b, std::size_t ddof = 0);

/// Pearson correlation coefficient, clamped to [-1, 1]. InvalidArgument if either input has
/// zero spread.
float correlation(std::span<const float> a, std::span<const float> b);
double correlation(std::span<const double> a, std::span<const double> b);

/// x / norm_l2(x). InvalidArgument if the norm is zero or infinite; empty in, empty out.
Vector<float> normalize(std::span<const float> x);
Vector<double> normalize(std::span<const double> x);
void normalize(std::span<const float> x, std::span<float> out);
void normalize(std::span<const double> x, std::span<double> out);

/// (x - mean) / stddev (population). InvalidArgument if the spread is zero or infinite.
Vector<float> zscore(std::span<const float> x);
Vector<double> zscore(std::span<const double> x);
void zscore(std::span<const float> x, std::span<float> out);
void zscore(std::span<const double> x, std::span<double> out);

/// (x - min) / (max - min), into [0, 1]. InvalidArgument if max == min or the range is
/// infinite.
Vector<float> minmax_normalize(std::span<const float> x);
Vector<double> minmax_normalize(std::span<const double> x);
void minmax_normalize(std::span<const float> x, std::span<float> out);
void minmax_normalize(std::span<const double> x, std::span<double> out);

}  // namespace trueno
