// reduce.hpp: the CPU executor of the reductions (sums, dots, norms, extremes and their indices,
// exact integer totals) over whole arrays; the front-ends validate, then call one of these.
//
// Header-inline: sum, dot or argmax of 1000 floats is a few hundred instructions, so a call and
// its argument shuffling would show in the instruction-count gate; inlined into the front-end,
// the serial path is the kernel call itself. Long inputs are cut into fixed chunks combined in a
// fixed order (chunking.hpp): results depend on the data and the backend, never on the threads.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>

#include "cpu/dispatch.hpp"
#include "cpu/exec/chunking.hpp"
#include "cpu/parallel/parallel.hpp"

namespace trueno::cpu::exec {

namespace detail {

template <class T>
const FloatReduceKernels<T>& float_kernels() {
  return float_reduce<T>(kernels());
}

// The kernels with min / max / argmin / argmax for T (float and integer tables alike).
template <class T>
const auto& extreme_kernels() {
  if constexpr (std::is_integral_v<T>)
    return int_reduce<T>(kernels());
  else
    return float_kernels<T>();
}

/// One kernel k(x + b, e - b) over the fixed chunks of [0, n), combined pairwise. The closure
/// holds k and x by value: two registers, where references would need both spilled to memory.
template <class T>
double chunked(double (*k)(const T*, std::size_t), const T* x, std::size_t n) {
  return chunked_sum(n, [k, x](std::size_t b, std::size_t e) { return k(x + b, e - b); });
}

/// sum ((x - c) * factor)^2 with c = T(center), chunked (the kernel's own rounding of center).
template <class T>
double sum_sq_about(const T* x, std::size_t n, double center, double factor) {
  const auto k = float_kernels<T>().sum_sq_dev;
  return chunked_sum(n, [&](std::size_t b, std::size_t e) { return k(x + b, e - b, center, factor); });
}

/// Index of the first NaN, else of the first extreme, over [0, n), from per-part results of
/// the kernel arg(x + b, e - b). better(a, b): a is strictly the better extreme.
template <class T, class Arg, class Better>
std::size_t parallel_arg(const T* x, std::size_t n, Arg arg, Better better) {
  const std::size_t parts = parallel::threads_for(n, parallel::Cost::reduce);
  if (parts <= 1) return arg(x, n);
  std::size_t idx[kMaxParts];
  const std::size_t p =
      split_parts(n, parts, idx, [&](std::size_t b, std::size_t e) { return b < e ? b + arg(x + b, e - b) : n; });
  std::size_t best = n;
  for (std::size_t i = 0; i < p; ++i) {
    const std::size_t k = idx[i];
    if (k == n) continue;
    // The first part holding a NaN has the first NaN.
    if (x[k] != x[k]) return k;  // NOLINT(misc-redundant-expression): NaN test
    if (best == n || better(x[k], x[best])) best = k;
  }
  return best;
}

struct Greater {
  template <class T>
  bool operator()(T a, T b) const {
    return a > b;
  }
};
struct Less {
  template <class T>
  bool operator()(T a, T b) const {
    return a < b;
  }
};

/// Exact integer total: kernels are exact on pieces of at most kIntChunk elements, called as
/// piece(begin, count); the pieces (one or more per thread) are combined in 128 bits,
/// saturating so that an absurd 128-bit overflow still reads as out of int64's range.
template <class T, class Piece>
Int128 exact_total(std::size_t n, Piece piece) {
  constexpr std::size_t kChunk = IntReduceKernels<T>::kIntChunk;
  auto serial = [&](std::size_t b0, std::size_t e0) {
    Int128 total = 0;
    for (std::size_t b = b0; b < e0; b += kChunk) {
      if (__builtin_add_overflow(total, piece(b, e0 - b < kChunk ? e0 - b : kChunk), &total))
        return std::numeric_limits<Int128>::max();
    }
    return total;
  };
  const std::size_t parts = parallel::threads_for(n, parallel::Cost::reduce);
  if (parts <= 1) return serial(0, n);
  Int128 partial[kMaxParts];
  const std::size_t p = split_parts(n, parts, partial, serial);
  Int128 total = 0;
  for (std::size_t i = 0; i < p; ++i)
    if (__builtin_add_overflow(total, partial[i], &total)) return std::numeric_limits<Int128>::max();
  return total;
}

}  // namespace detail

/// sum(x) of float / double data, in double precision (before any rounding to T).
template <class T>
double sum(const T* x, std::size_t n) {
  return detail::chunked(detail::float_kernels<T>().sum, x, n);
}

/// sum x with every term widened to double first (float input: the double-accumulation bound).
template <class T>
double sum_wide(const T* x, std::size_t n) {
  return detail::chunked(detail::float_kernels<T>().sum_wide, x, n);
}

/// sum |x|, in double precision.
template <class T>
double sum_abs(const T* x, std::size_t n) {
  return detail::chunked(detail::float_kernels<T>().sum_abs, x, n);
}

/// sum x^2, in double precision.
template <class T>
double sum_sq(const T* x, std::size_t n) {
  return detail::chunked(detail::float_kernels<T>().sum_sq, x, n);
}

/// sum a[i] b[i], in double precision.
template <class T>
double dot(const T* a, const T* b, std::size_t n) {
  const auto k = detail::float_kernels<T>().dot;
  return detail::chunked_sum(n, [k, a, b](std::size_t s, std::size_t e) { return k(a + s, b + s, e - s); });
}

/// max |x| (0 for n = 0; NaN if any element is NaN): per-part kernel results combined.
template <class T>
T max_abs(const T* x, std::size_t n) {
  const auto k = detail::float_kernels<T>().max_abs;
  const std::size_t parts = parallel::threads_for(n, parallel::Cost::reduce);
  if (parts <= 1) return k(x, n);
  T part[detail::kMaxParts];
  const std::size_t p =
      detail::split_parts(n, parts, part, [&](std::size_t b, std::size_t e) { return k(x + b, e - b); });
  T m = 0;
  for (std::size_t i = 0; i < p; ++i) {
    if (part[i] != part[i]) return part[i];  // NOLINT(misc-redundant-expression): NaN test
    m = part[i] > m ? part[i] : m;
  }
  return m;
}

/// sqrt(sum x^2) in double precision. float squares cannot overflow or underflow in double:
/// one pass. For double the plain sum is used when it is finite and far above the underflow
/// range; otherwise x is scaled by a power of two taken from max|x| (exact), summed again, and
/// unscaled: no spurious overflow or underflow.
template <class T>
double norm_l2(const T* x, std::size_t n) {
  const double ss = sum_sq(x, n);
  if constexpr (sizeof(T) == 4) {
    return std::sqrt(ss);
  } else {
    constexpr double kSafeLow = 0x1p-969;  // below: squares of small terms may have lost bits
    if (std::isfinite(ss) && (ss >= kSafeLow || ss == 0.0)) {
      if (ss != 0.0) return std::sqrt(ss);
      // ss == 0: either all zeros or every square underflowed
    } else if (std::isnan(ss)) {
      return ss;
    }
    const double m = max_abs(x, n);
    if (m == 0.0 || !std::isfinite(m)) return m;
    // 2^-e brings max|x| to [1, 2); clamped so that 2^-e itself stays finite for subnormal m.
    const int e = std::max(std::ilogb(m), -1020);
    return std::ldexp(std::sqrt(detail::sum_sq_about(x, n, 0.0, std::ldexp(1.0, -e))), e);
  }
}

/// Smallest / largest element of x (float or integer), n >= 1; NaN if any element is NaN. One
/// kernel pass on one thread; with threads, the value at the first argmin / argmax.
template <class T>
T min(const T* x, std::size_t n) {
  const auto& k = detail::extreme_kernels<T>();
  if (parallel::threads_for(n, parallel::Cost::reduce) <= 1) return k.min(x, n);
  return x[detail::parallel_arg(x, n, k.argmin, detail::Less{})];
}
template <class T>
T max(const T* x, std::size_t n) {
  const auto& k = detail::extreme_kernels<T>();
  if (parallel::threads_for(n, parallel::Cost::reduce) <= 1) return k.max(x, n);
  return x[detail::parallel_arg(x, n, k.argmax, detail::Greater{})];
}

/// Index of the first NaN if any, else of the first minimum / maximum; n >= 1.
template <class T>
std::size_t argmin(const T* x, std::size_t n) {
  return detail::parallel_arg(x, n, detail::extreme_kernels<T>().argmin, detail::Less{});
}
template <class T>
std::size_t argmax(const T* x, std::size_t n) {
  return detail::parallel_arg(x, n, detail::extreme_kernels<T>().argmax, detail::Greater{});
}

/// The exact sum of int32 / int64 data in 128 bits (Int128's maximum if even that overflows).
template <class T>
Int128 exact_sum(const T* x, std::size_t n) {
  const auto k = int_reduce<T>(kernels()).sum;
  return detail::exact_total<T>(n, [&](std::size_t b, std::size_t m) { return k(x + b, m); });
}

/// The exact dot product of int32 / int64 data in 128 bits (saturating as exact_sum).
template <class T>
Int128 exact_dot(const T* a, const T* b, std::size_t n) {
  const auto k = int_reduce<T>(kernels()).dot;
  return detail::exact_total<T>(n, [&](std::size_t s, std::size_t m) { return k(a + s, b + s, m); });
}

}  // namespace trueno::cpu::exec
