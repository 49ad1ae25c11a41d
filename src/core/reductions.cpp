// reductions.cpp: front-ends of the reductions: validate (sizes, non-empty inputs, the exact
// integer result in int64), then hand the whole reduction to the CPU executor (cpu/exec/reduce.hpp).
#include "trueno/reductions.hpp"

#include <limits>

#include "core/checks.hpp"
#include "cpu/exec/reduce.hpp"

namespace trueno {
namespace {

namespace exec = cpu::exec;

template <class T>
double sum_d(std::span<const T> x) {
  return exec::sum(x.data(), x.size());
}

template <class T>
std::size_t arg_extreme(const char* op, std::span<const T> x, bool is_max) {
  detail::check_not_empty(op, x.size());
  return is_max ? exec::argmax(x.data(), x.size()) : exec::argmin(x.data(), x.size());
}

template <class T>
T extreme(const char* op, std::span<const T> x, bool is_max) {
  detail::check_not_empty(op, x.size());
  return is_max ? exec::max(x.data(), x.size()) : exec::min(x.data(), x.size());
}

template <class T>
double dot_d(std::span<const T> a, std::span<const T> b) {
  detail::check_same_size("dot", "a", a.size(), "b", b.size());
  return exec::dot(a.data(), b.data(), a.size());
}

template <class T>
double sum_sq_d(std::span<const T> x) {
  return exec::sum_sq(x.data(), x.size());
}

std::int64_t to_int64(const char* op, cpu::Int128 v) {
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min())
    throw Overflow(detail::op_prefix(op) + "the exact result does not fit in int64");
  return static_cast<std::int64_t>(v);
}

template <class T>
cpu::Int128 int_sum(std::span<const T> x) {
  return exec::exact_sum(x.data(), x.size());
}

template <class T>
std::int64_t int_dot(std::span<const T> a, std::span<const T> b) {
  detail::check_same_size("dot", "a", a.size(), "b", b.size());
  return to_int64("dot", exec::exact_dot(a.data(), b.data(), a.size()));
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

template <class T>
T max_abs(std::span<const T> x) {
  return exec::max_abs(x.data(), x.size());
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

float norm_l1(std::span<const float> x) { return static_cast<float>(exec::sum_abs(x.data(), x.size())); }
double norm_l1(std::span<const double> x) { return exec::sum_abs(x.data(), x.size()); }

float norm_l2(std::span<const float> x) { return static_cast<float>(exec::norm_l2(x.data(), x.size())); }
double norm_l2(std::span<const double> x) { return exec::norm_l2(x.data(), x.size()); }

float norm_linf(std::span<const float> x) { return max_abs(x); }
double norm_linf(std::span<const double> x) { return max_abs(x); }

float sum_of_squares(std::span<const float> x) { return static_cast<float>(sum_sq_d(x)); }
double sum_of_squares(std::span<const double> x) { return sum_sq_d(x); }

}  // namespace trueno
