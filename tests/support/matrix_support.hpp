// matrix_support.hpp: test helpers for matrices: padded, misaligned storage behind a view
// (with sentinels in the padding to catch stray writes) and seeded random fills.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "support/test_support.hpp"
#include "trueno/matrix.hpp"

namespace trueno::test {

/// rows x cols in a buffer with row stride cols + pad, the first element `offset` elements past
/// a 64-byte boundary; everything outside the matrix holds a sentinel value.
template <class T>
class Stored {
 public:
  static constexpr T kSentinel = T(-12345.25);

  Stored(std::size_t rows, std::size_t cols, std::size_t pad = 0, std::size_t offset = 0)
      : rows_(rows),
        cols_(cols),
        stride_(cols + pad),
        buf_(rows * (cols + pad) + offset + 64 / sizeof(T) + 8, kSentinel) {
    const auto addr = reinterpret_cast<std::uintptr_t>(buf_.data());
    start_ = ((64 - addr % 64) % 64) / sizeof(T) + offset;
  }
  /// Fills the matrix (not the padding) with f(i, j).
  template <class F>
  Stored& fill(F f) {
    for (std::size_t i = 0; i < rows_; ++i)
      for (std::size_t j = 0; j < cols_; ++j) (*this)(i, j) = static_cast<T>(f(i, j));
    return *this;
  }
  T& operator()(std::size_t i, std::size_t j) { return buf_[start_ + i * stride_ + j]; }
  T operator()(std::size_t i, std::size_t j) const { return buf_[start_ + i * stride_ + j]; }
  MatrixView<T> view() { return {buf_.data() + start_, rows_, cols_, stride_}; }
  ConstMatrixView<T> cview() const { return {buf_.data() + start_, rows_, cols_, stride_}; }
  /// True when no element outside the matrix was written.
  bool padding_intact() const {
    for (std::size_t p = 0; p < buf_.size(); ++p) {
      const bool inside = p >= start_ && (p - start_) / stride_ < rows_ && (p - start_) % stride_ < cols_;
      if (!inside && !(buf_[p] == kSentinel)) return false;
    }
    return true;
  }

 private:
  std::size_t rows_, cols_, stride_;
  std::vector<T> buf_;
  std::size_t start_;
};

/// Values uniform in [-1, 1) at (i, j), reproducible from seed.
inline double rand_at(unsigned seed, std::size_t i, std::size_t j) {
  std::uint64_t x =
      (static_cast<std::uint64_t>(seed) << 40) ^ (i * 0x9E3779B97F4A7C15ULL) ^ (j * 0xC2B2AE3D27D4EB4FULL);
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 29;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 32;
  return static_cast<double>(x >> 11) * 0x1p-52 - 1.0;
}

/// eps(T): the unit roundoff doubled (machine epsilon).
template <class T>
constexpr long double eps() {
  return std::numeric_limits<T>::epsilon();
}

}  // namespace trueno::test
