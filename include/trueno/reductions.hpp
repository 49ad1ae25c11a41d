// trueno/reductions.hpp: reductions of a whole array to one value.
//
// Accuracy: the bounds of docs/accuracy.md ("Reductions"): float terms are paired in float and
// accumulated in double (|err| <= ulp(r)/2 + 2^-23 sum|x|); double inputs are summed pairwise
// over SIMD lanes (|err| <= (log2(n) + 40) 2^-53 sum|x|, |x_i*y_i| for dot).
// NaN propagates through every float reduction (min/max included); argmin/argmax return the
// index of the first NaN if there is one, otherwise the first index of the extreme.
// Empty input: sum, dot, norms and sum_of_squares give 0; mean, min, max, argmin, argmax throw
// EmptyInput. Integer sum/dot are exact: Overflow is thrown if the result does not fit int64.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>

#include "trueno/array_view.hpp"

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

// ---- axis reductions --------------------------------------------------------------------------

/// The dimensions an axis reduction reduces (numpy's axis=): a bit per dimension of the input.
class Axes {
 public:
  /// No dimension: every element is reduced alone (numpy's axis=()).
  constexpr Axes() = default;
  /// These dimensions (counted from 0; InvalidArgument from kMaxDims on).
  Axes(std::initializer_list<std::size_t> dims) {
    for (std::size_t d : dims) add(d);
  }
  /// Every dimension (numpy's axis=None).
  static constexpr Axes all() { return Axes((1u << kMaxDims) - 1); }
  void add(std::size_t d) {
    if (d >= kMaxDims) throw InvalidArgument("trueno::Axes: dimension " + std::to_string(d) + " is beyond kMaxDims");
    bits_ |= 1u << d;
  }
  constexpr bool has(std::size_t d) const { return d < kMaxDims && (bits_ >> d & 1u) != 0; }
  constexpr std::uint32_t bits() const { return bits_; }

 private:
  constexpr explicit Axes(std::uint32_t bits) : bits_(bits) {}
  std::uint32_t bits_ = 0;
};

// x reduced over `axes` into out. out's shape is x's without the reduced dimensions, or with
// each of them as 1 (numpy's keepdims=True); SizeMismatch otherwise. Each output element is the
// whole-array reduction of its run of x, with the same accuracy (docs/accuracy.md) and NaN rules.
// A run of length 0: sum, sum_of_squares and the norms give 0; mean, min, max, argmin, argmax,
// variance and stddev throw EmptyInput (unless out is empty too). A double out for float x
// accumulates and rounds to double (numpy's dtype=float64). out must not overlap x.
void sum(ArrayView<const float> x, Axes axes, ArrayView<float> out);
void sum(ArrayView<const float> x, Axes axes, ArrayView<double> out);
void sum(ArrayView<const double> x, Axes axes, ArrayView<double> out);
void mean(ArrayView<const float> x, Axes axes, ArrayView<float> out);
void mean(ArrayView<const float> x, Axes axes, ArrayView<double> out);
void mean(ArrayView<const double> x, Axes axes, ArrayView<double> out);
void min(ArrayView<const float> x, Axes axes, ArrayView<float> out);
void min(ArrayView<const double> x, Axes axes, ArrayView<double> out);
void max(ArrayView<const float> x, Axes axes, ArrayView<float> out);
void max(ArrayView<const double> x, Axes axes, ArrayView<double> out);
void norm_l1(ArrayView<const float> x, Axes axes, ArrayView<float> out);
void norm_l1(ArrayView<const double> x, Axes axes, ArrayView<double> out);
void norm_l2(ArrayView<const float> x, Axes axes, ArrayView<float> out);
void norm_l2(ArrayView<const double> x, Axes axes, ArrayView<double> out);
void norm_linf(ArrayView<const float> x, Axes axes, ArrayView<float> out);
void norm_linf(ArrayView<const double> x, Axes axes, ArrayView<double> out);
void sum_of_squares(ArrayView<const float> x, Axes axes, ArrayView<float> out);
void sum_of_squares(ArrayView<const double> x, Axes axes, ArrayView<double> out);
/// The index along dimension `axis` of each run's extreme (first NaN, else first extreme).
void argmin(ArrayView<const float> x, std::size_t axis, ArrayView<std::int64_t> out);
void argmin(ArrayView<const double> x, std::size_t axis, ArrayView<std::int64_t> out);
void argmax(ArrayView<const float> x, std::size_t axis, ArrayView<std::int64_t> out);
void argmax(ArrayView<const double> x, std::size_t axis, ArrayView<std::int64_t> out);

}  // namespace trueno
