// reductions.cpp: front-ends of the reductions. Long inputs are cut into fixed chunks whose
// partial results are combined pairwise in a fixed order: the result depends only on the
// data and the backend, never on how many threads computed the chunks.
#include "trueno/reductions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/checks.hpp"
#include "core/reduce_util.hpp"
#include "cpu/dispatch.hpp"

namespace trueno {
namespace {

template <class T>
const cpu::FloatReduceKernels<T>& fr() {
  return detail::float_kernels<T>();
}
template <class T>
const cpu::IntReduceKernels<T>& ir() {
  return cpu::int_reduce<T>(cpu::kernels());
}

template <class T>
double sum_d(std::span<const T> x) {
  return detail::sum_double(x);
}

// The kernels with min / max / argmin / argmax for T (float and integer tables alike).
template <class T>
const auto& extreme_kernels() {
  if constexpr (std::is_integral_v<T>)
    return ir<T>();
  else
    return fr<T>();
}

template <class T>
std::size_t arg_extreme(const char* op, std::span<const T> x, bool is_max) {
  detail::check_not_empty(op, x.size());
  const auto& k = extreme_kernels<T>();
  return is_max ? detail::parallel_arg(x.data(), x.size(), k.argmax, [](T a, T b) { return a > b; })
                : detail::parallel_arg(x.data(), x.size(), k.argmin, [](T a, T b) { return a < b; });
}

// min / max: one kernel pass on one thread; with threads, the value at the parallel
// argmin / argmax (NaN if any element is NaN).
template <class T>
T extreme(const char* op, std::span<const T> x, bool is_max) {
  detail::check_not_empty(op, x.size());
  const auto& k = extreme_kernels<T>();
  if (parallel::threads_for(x.size(), parallel::Cost::reduce) <= 1)
    return is_max ? k.max(x.data(), x.size()) : k.min(x.data(), x.size());
  return x[arg_extreme(op, x, is_max)];
}

// max|x|: per-part kernel results combined (NaN if any part saw one).
template <class T>
T max_abs(std::span<const T> x) {
  const auto k = fr<T>().max_abs;
  const std::size_t parts = parallel::threads_for(x.size(), parallel::Cost::reduce);
  if (parts <= 1) return k(x.data(), x.size());
  constexpr std::size_t kMaxParts = 256;
  const std::size_t p = parts < kMaxParts ? parts : kMaxParts;
  T part[kMaxParts];
  parallel::run_parts(p, [&](std::size_t i) {
    const auto [b, e] = parallel::part_range(x.size(), p, i);
    part[i] = k(x.data() + b, e - b);
  });
  T m = 0;
  for (std::size_t i = 0; i < p; ++i) {
    if (part[i] != part[i]) return part[i];  // NOLINT(misc-redundant-expression): NaN test
    m = part[i] > m ? part[i] : m;
  }
  return m;
}

template <class T>
double dot_d(std::span<const T> a, std::span<const T> b) {
  detail::check_same_size("dot", "a", a.size(), "b", b.size());
  const auto k = fr<T>().dot;
  return detail::chunked_sum(a.size(),
                             [&](std::size_t s, std::size_t e) { return k(a.data() + s, b.data() + s, e - s); });
}

template <class T>
double sum_sq_d(std::span<const T> x) {
  const auto k = fr<T>().sum_sq;
  return detail::chunked_sum(x.size(), [&](std::size_t b, std::size_t e) { return k(x.data() + b, e - b); });
}

// Exact integer sum / dot: kernels are exact on pieces of at most kIntChunk elements; the
// pieces (one or more per thread) are combined in 128 bits, saturating so that an absurd
// 128-bit overflow still reports Overflow.
template <class T, class F>
cpu::Int128 int_total(std::size_t n, F chunk) {
  constexpr std::size_t kChunk = cpu::IntReduceKernels<T>::kIntChunk;
  auto serial = [&](std::size_t b0, std::size_t e0) {
    cpu::Int128 total = 0;
    for (std::size_t b = b0; b < e0; b += kChunk) {
      if (__builtin_add_overflow(total, chunk(b, e0 - b < kChunk ? e0 - b : kChunk), &total))
        return std::numeric_limits<cpu::Int128>::max();
    }
    return total;
  };
  const std::size_t parts = parallel::threads_for(n, parallel::Cost::reduce);
  if (parts <= 1) return serial(0, n);
  constexpr std::size_t kMaxParts = 256;
  const std::size_t p = parts < kMaxParts ? parts : kMaxParts;
  cpu::Int128 partial[kMaxParts];
  parallel::run_parts(p, [&](std::size_t i) {
    const auto [b, e] = parallel::part_range(n, p, i);
    partial[i] = serial(b, e);
  });
  cpu::Int128 total = 0;
  for (std::size_t i = 0; i < p; ++i)
    if (__builtin_add_overflow(total, partial[i], &total)) return std::numeric_limits<cpu::Int128>::max();
  return total;
}

std::int64_t to_int64(const char* op, cpu::Int128 v) {
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min())
    throw Overflow(detail::op_prefix(op) + "the exact result does not fit in int64");
  return static_cast<std::int64_t>(v);
}

template <class T>
cpu::Int128 int_sum(std::span<const T> x) {
  const auto k = ir<T>().sum;
  return int_total<T>(x.size(), [&](std::size_t b, std::size_t m) { return k(x.data() + b, m); });
}

template <class T>
std::int64_t int_dot(std::span<const T> a, std::span<const T> b) {
  detail::check_same_size("dot", "a", a.size(), "b", b.size());
  const auto k = ir<T>().dot;
  return to_int64(
      "dot", int_total<T>(a.size(), [&](std::size_t s, std::size_t m) { return k(a.data() + s, b.data() + s, m); }));
}

// Mean of an exact 128-bit integer sum: quotient and remainder, so it is exact to double
// rounding whatever the magnitude of the sum.
template <class T>
double int_mean(std::span<const T> x) {
  detail::check_not_empty("mean", x.size());
  const cpu::Int128 s = int_sum(x);
  const auto n = static_cast<cpu::Int128>(x.size());
  const cpu::Int128 q = s / n, r = s % n;
  return static_cast<double>(q) + static_cast<double>(r) / static_cast<double>(x.size());
}

// sqrt(sum x^2) for double without spurious overflow/underflow: the plain sum is used when it
// is finite and far above the underflow range; otherwise x is scaled by a power of two taken
// from max|x| (exact), summed again, and unscaled.
double norm_l2_f64(std::span<const double> x) {
  const double ss = sum_sq_d(x);
  constexpr double kSafeLow = 0x1p-969;  // below: squares of small terms may have lost bits
  if (std::isfinite(ss) && (ss >= kSafeLow || ss == 0.0)) {
    if (ss != 0.0) return std::sqrt(ss);
    // ss == 0: either all zeros or every square underflowed
  } else if (std::isnan(ss)) {
    return ss;
  }
  const double m = max_abs(x);
  if (m == 0.0 || !std::isfinite(m)) return m;
  // 2^-e brings max|x| to [1, 2); clamped so that 2^-e itself stays finite for subnormal m.
  const int e = std::max(std::ilogb(m), -1020);
  const double s = std::ldexp(1.0, -e);
  const auto k = fr<double>().sum_sq_dev;
  const double scaled =
      detail::chunked_sum(x.size(), [&](std::size_t b, std::size_t end) { return k(x.data() + b, end - b, 0.0, s); });
  return std::ldexp(std::sqrt(scaled), e);
}

}  // namespace

float sum(std::span<const float> x) { return static_cast<float>(sum_d(x)); }
double sum(std::span<const double> x) { return sum_d(x); }
std::int64_t sum(std::span<const std::int32_t> x) { return to_int64("sum", int_sum(x)); }
std::int64_t sum(std::span<const std::int64_t> x) { return to_int64("sum", int_sum(x)); }

float mean(std::span<const float> x) {
  detail::check_not_empty("mean", x.size());
  return static_cast<float>(sum_d(x) / static_cast<double>(x.size()));
}
double mean(std::span<const double> x) {
  detail::check_not_empty("mean", x.size());
  return sum_d(x) / static_cast<double>(x.size());
}
double mean(std::span<const std::int32_t> x) { return int_mean(x); }
double mean(std::span<const std::int64_t> x) { return int_mean(x); }

float min(std::span<const float> x) { return extreme("min", x, false); }
double min(std::span<const double> x) { return extreme("min", x, false); }
std::int32_t min(std::span<const std::int32_t> x) { return extreme("min", x, false); }
std::int64_t min(std::span<const std::int64_t> x) { return extreme("min", x, false); }

float max(std::span<const float> x) { return extreme("max", x, true); }
double max(std::span<const double> x) { return extreme("max", x, true); }
std::int32_t max(std::span<const std::int32_t> x) { return extreme("max", x, true); }
std::int64_t max(std::span<const std::int64_t> x) { return extreme("max", x, true); }

std::size_t argmin(std::span<const float> x) { return arg_extreme("argmin", x, false); }
std::size_t argmin(std::span<const double> x) { return arg_extreme("argmin", x, false); }
std::size_t argmin(std::span<const std::int32_t> x) { return arg_extreme("argmin", x, false); }
std::size_t argmin(std::span<const std::int64_t> x) { return arg_extreme("argmin", x, false); }

std::size_t argmax(std::span<const float> x) { return arg_extreme("argmax", x, true); }
std::size_t argmax(std::span<const double> x) { return arg_extreme("argmax", x, true); }
std::size_t argmax(std::span<const std::int32_t> x) { return arg_extreme("argmax", x, true); }
std::size_t argmax(std::span<const std::int64_t> x) { return arg_extreme("argmax", x, true); }

float dot(std::span<const float> a, std::span<const float> b) { return static_cast<float>(dot_d(a, b)); }
double dot(std::span<const double> a, std::span<const double> b) { return dot_d(a, b); }
std::int64_t dot(std::span<const std::int32_t> a, std::span<const std::int32_t> b) { return int_dot(a, b); }
std::int64_t dot(std::span<const std::int64_t> a, std::span<const std::int64_t> b) { return int_dot(a, b); }

float norm_l1(std::span<const float> x) {
  const auto k = fr<float>().sum_abs;
  return static_cast<float>(
      detail::chunked_sum(x.size(), [&](std::size_t b, std::size_t e) { return k(x.data() + b, e - b); }));
}
double norm_l1(std::span<const double> x) {
  const auto k = fr<double>().sum_abs;
  return detail::chunked_sum(x.size(), [&](std::size_t b, std::size_t e) { return k(x.data() + b, e - b); });
}

// float squares cannot overflow or underflow in double: one pass, one rounding at the end.
float norm_l2(std::span<const float> x) { return static_cast<float>(std::sqrt(sum_sq_d(x))); }
double norm_l2(std::span<const double> x) { return norm_l2_f64(x); }

float norm_linf(std::span<const float> x) { return max_abs(x); }
double norm_linf(std::span<const double> x) { return max_abs(x); }

float sum_of_squares(std::span<const float> x) { return static_cast<float>(sum_sq_d(x)); }
double sum_of_squares(std::span<const double> x) { return sum_sq_d(x); }

}  // namespace trueno
