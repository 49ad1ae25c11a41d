// reference.hpp: independent double-precision (and long double) oracles for the tests.
// Written from the definitions, never from the kernels: the scalar backend is checked against
// these like every other backend.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace trueno::ref {

inline double round_half_even(double x) {
  if (!std::isfinite(x) || std::fabs(x) >= 0x1p52) return x;
  const double f = std::floor(x);
  const double diff = x - f;  // exact for |x| < 2^52
  double r = f;
  if (diff > 0.5 || (diff == 0.5 && std::fmod(f, 2.0) != 0.0)) r = f + 1.0;
  return std::copysign(r, x);  // keeps -0 for x in (-0.5, -0]
}

inline double floor(double x) { return std::isfinite(x) ? std::copysign(std::floor(x), x) : x; }
inline double ceil(double x) { return std::isfinite(x) ? std::copysign(std::ceil(x), x) : x; }
inline double trunc(double x) { return std::isfinite(x) ? std::copysign(std::trunc(x), x) : x; }
inline double fract(double x) { return x - trunc(x); }
inline double signum(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : x + 0.0); }  // numpy.sign: +0 for -0
inline double minimum(double a, double b) { return std::isnan(a) || std::isnan(b) ? a + b : (a < b ? a : b); }
inline double maximum(double a, double b) { return std::isnan(a) || std::isnan(b) ? a + b : (a > b ? a : b); }
inline double clamp(double x, double lo, double hi) { return std::isnan(x) ? x : (x < lo ? lo : (x > hi ? hi : x)); }
// torch.lerp's definition: from a below t = 0.5, from b above (exact endpoints).
inline double lerp(double a, double b, double t) { return t < 0.5 ? a + t * (b - a) : b - (b - a) * (1.0 - t); }

/// Sum of doubles in long double with Neumaier compensation: far below any tolerance used.
class ExactishSum {
 public:
  void add(long double v) {
    const long double t = s_ + v;
    if (std::fabs(s_) >= std::fabs(v))
      c_ += (s_ - t) + v;
    else
      c_ += (v - t) + s_;
    s_ = t;
    abs_ += std::fabs(v);
    if (std::isnan(v)) nan_ = true;
  }
  long double value() const { return nan_ ? std::numeric_limits<long double>::quiet_NaN() : s_ + c_; }
  long double abs_total() const { return abs_; }

 private:
  long double s_ = 0, c_ = 0, abs_ = 0;
  bool nan_ = false;
};

template <class T>
ExactishSum sum(std::span<const T> x) {
  ExactishSum s;
  for (T v : x) s.add(static_cast<long double>(v));
  return s;
}

template <class T>
ExactishSum dot(std::span<const T> a, std::span<const T> b) {
  ExactishSum s;
  for (std::size_t i = 0; i < a.size(); ++i) s.add(static_cast<long double>(a[i]) * static_cast<long double>(b[i]));
  return s;
}

template <class T>
ExactishSum sum_sq(std::span<const T> x) {
  ExactishSum s;
  for (T v : x) s.add(static_cast<long double>(v) * static_cast<long double>(v));
  return s;
}

template <class T>
long double mean(std::span<const T> x) {
  return sum(x).value() / static_cast<long double>(x.size());
}

/// Population-style second moment about the mean, divided by (n - ddof).
template <class T>
long double variance(std::span<const T> x, std::size_t ddof) {
  const long double m = mean(x);
  ExactishSum s;
  for (T v : x) s.add((static_cast<long double>(v) - m) * (static_cast<long double>(v) - m));
  return s.value() / static_cast<long double>(x.size() - ddof);
}

template <class T>
long double covariance(std::span<const T> a, std::span<const T> b, std::size_t ddof) {
  const long double ma = mean(a), mb = mean(b);
  ExactishSum s;
  for (std::size_t i = 0; i < a.size(); ++i)
    s.add((static_cast<long double>(a[i]) - ma) * (static_cast<long double>(b[i]) - mb));
  return s.value() / static_cast<long double>(a.size() - ddof);
}

/// First index of a NaN, else of the first extreme (strict comparison).
template <class T, bool kMax>
std::size_t arg_extreme(std::span<const T> x) {
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i] != x[i]) return i;
  std::size_t best = 0;
  for (std::size_t i = 1; i < x.size(); ++i)
    if (kMax ? x[i] > x[best] : x[i] < x[best]) best = i;
  return best;
}

}  // namespace trueno::ref
