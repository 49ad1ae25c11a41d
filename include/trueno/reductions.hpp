// trueno/reductions.hpp: reductions of a whole array to one value.
//
// Accuracy (docs/accuracy.md): float inputs are accumulated in double precision, so sum, dot,
// mean, norms and sum_of_squares of float are within 1 ULP of the exact result plus
// n * 2^-53 * sum|x| (relative to the terms); double inputs are summed pairwise over SIMD
// lanes, error <= (log2(n) + 40) * 2^-53 * sum|x_i| (|x_i*y_i| for dot).
// NaN propagates through every float reduction (min/max included); argmin/argmax return the
// index of the first NaN if there is one, otherwise the first index of the extreme.
// Empty input: sum, dot, norms and sum_of_squares give 0; mean, min, max, argmin, argmax throw
// EmptyInput. Integer sum/dot are exact: Overflow is thrown if the result does not fit int64.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace trueno {

float sum(std::span<const float> x);
double sum(std::span<const double> x);
std::int64_t sum(std::span<const std::int32_t> x);
std::int64_t sum(std::span<const std::int64_t> x);

/// Arithmetic mean. Integer means are computed from the exact integer sum, in double.
float mean(std::span<const float> x);
double mean(std::span<const double> x);
double mean(std::span<const std::int32_t> x);
double mean(std::span<const std::int64_t> x);

float min(std::span<const float> x);
double min(std::span<const double> x);
std::int32_t min(std::span<const std::int32_t> x);
std::int64_t min(std::span<const std::int64_t> x);

float max(std::span<const float> x);
double max(std::span<const double> x);
std::int32_t max(std::span<const std::int32_t> x);
std::int64_t max(std::span<const std::int64_t> x);

std::size_t argmin(std::span<const float> x);
std::size_t argmin(std::span<const double> x);
std::size_t argmin(std::span<const std::int32_t> x);
std::size_t argmin(std::span<const std::int64_t> x);

std::size_t argmax(std::span<const float> x);
std::size_t argmax(std::span<const double> x);
std::size_t argmax(std::span<const std::int32_t> x);
std::size_t argmax(std::span<const std::int64_t> x);

/// Inner product; SizeMismatch if the lengths differ.
float dot(std::span<const float> a, std::span<const float> b);
double dot(std::span<const double> a, std::span<const double> b);
std::int64_t dot(std::span<const std::int32_t> a, std::span<const std::int32_t> b);
std::int64_t dot(std::span<const std::int64_t> a, std::span<const std::int64_t> b);

/// sum |x|.
float norm_l1(std::span<const float> x);
double norm_l1(std::span<const double> x);

/// sqrt(sum x^2), free of overflow and underflow whenever the result is representable.
float norm_l2(std::span<const float> x);
double norm_l2(std::span<const double> x);

/// max |x| (NaN if any element is NaN).
float norm_linf(std::span<const float> x);
double norm_linf(std::span<const double> x);

/// sum x^2.
float sum_of_squares(std::span<const float> x);
double sum_of_squares(std::span<const double> x);

}  // namespace trueno
