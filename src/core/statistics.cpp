// statistics.cpp: front-ends of variance, covariance, correlation and the normalizations:
// validate (sizes, ddof, zero or infinite spread), then the two passes (the mean, then
// deviations about it, in double precision) on the CPU executor (cpu/exec/statistics.hpp).
#include "trueno/statistics.hpp"

#include <cmath>

#include "core/checks.hpp"
#include "cpu/exec/statistics.hpp"
#include "trueno/reductions.hpp"

namespace trueno {
namespace {

namespace exec = cpu::exec;

template <class T>
double mean_d(std::span<const T> x) {
  return exec::sum(x.data(), x.size()) / static_cast<double>(x.size());
}

void check_ddof(const char* op, std::size_t n, std::size_t ddof) {
  detail::check_not_empty(op, n);
  if (ddof >= n) {
    detail::throw_invalid(
        op, "ddof (" + std::to_string(ddof) + ") must be less than the number of elements (" + std::to_string(n) + ")");
  }
}

template <class T>
double variance_d(const char* op, std::span<const T> x, std::size_t ddof) {
  check_ddof(op, x.size(), ddof);
  const double m2 = exec::moments(x.data(), x.size()).m2;
  return (m2 > 0.0 || m2 != m2 ? m2 : 0.0) / static_cast<double>(x.size() - ddof);
}

template <class T>
double covariance_d(std::span<const T> a, std::span<const T> b, std::size_t ddof) {
  detail::check_same_size("covariance", "a", a.size(), "b", b.size());
  check_ddof("covariance", a.size(), ddof);
  return exec::sum_prod_dev(a.data(), b.data(), a.size(), mean_d(a), mean_d(b)) / static_cast<double>(a.size() - ddof);
}

template <class T>
double correlation_d(std::span<const T> a, std::span<const T> b) {
  detail::check_same_size("correlation", "a", a.size(), "b", b.size());
  detail::check_not_empty("correlation", a.size());
  const double ma = mean_d(a), mb = mean_d(b);
  const double sxx = exec::sum_sq_dev(a.data(), a.size(), ma), syy = exec::sum_sq_dev(b.data(), b.size(), mb);
  if (sxx == 0.0 || syy == 0.0) detail::throw_invalid("correlation", "an input has zero spread (constant)");
  const double r = exec::sum_prod_dev(a.data(), b.data(), a.size(), ma, mb) / (std::sqrt(sxx) * std::sqrt(syy));
  return r > 1.0 ? 1.0 : (r < -1.0 ? -1.0 : r);  // NaN passes through
}

template <class T>
void normalize_into(std::span<const T> x, std::span<T> out) {
  detail::check_output("normalize", x, "x", out);
  if (x.empty()) return;  // nothing to scale: an empty result, as numpy's x / norm(x)
  const double norm = static_cast<double>(norm_l2(x));
  if (norm == 0.0) detail::throw_invalid("normalize", "the L2 norm is zero");
  if (std::isinf(norm)) detail::throw_invalid("normalize", "the L2 norm is infinite");
  exec::affine(x.data(), 0.0, norm, out.data(), x.size());  // NaN norm: NaN everywhere, as the input had NaN
}

template <class T>
void zscore_into(std::span<const T> x, std::span<T> out) {
  detail::check_output("zscore", x, "x", out);
  detail::check_not_empty("zscore", x.size());
  const exec::Moments mo = exec::moments(x.data(), x.size());
  const double m = mo.mean;
  const double s = std::sqrt((mo.m2 > 0.0 ? mo.m2 : 0.0 * mo.m2) / static_cast<double>(x.size()));
  if (s == 0.0) detail::throw_invalid("zscore", "the standard deviation is zero (constant input)");
  if (std::isinf(s)) detail::throw_invalid("zscore", "the standard deviation is infinite");
  exec::affine(x.data(), m, s, out.data(), x.size());
}

template <class T>
void minmax_into(std::span<const T> x, std::span<T> out) {
  detail::check_output("minmax_normalize", x, "x", out);
  detail::check_not_empty("minmax_normalize", x.size());
  const double lo = static_cast<double>(trueno::min(x));
  const double hi = static_cast<double>(trueno::max(x));
  const double range = hi - lo;
  if (range == 0.0) detail::throw_invalid("minmax_normalize", "max equals min (constant input)");
  if (std::isinf(range)) detail::throw_invalid("minmax_normalize", "the range max - min is infinite");
  exec::affine(x.data(), lo, range, out.data(), x.size());
}

template <class T, void (*Into)(std::span<const T>, std::span<T>)>
Vector<T> allocating(std::span<const T> x) {
  auto r = Vector<T>::uninitialized(x.size());
  Into(x, r.span());
  return r;
}

}  // namespace

float variance(std::span<const float> x, std::size_t ddof) {
  return static_cast<float>(variance_d("variance", x, ddof));
}
double variance(std::span<const double> x, std::size_t ddof) { return variance_d("variance", x, ddof); }
float stddev(std::span<const float> x, std::size_t ddof) {
  return static_cast<float>(std::sqrt(variance_d("stddev", x, ddof)));
}
double stddev(std::span<const double> x, std::size_t ddof) { return std::sqrt(variance_d("stddev", x, ddof)); }

float covariance(std::span<const float> a, std::span<const float> b, std::size_t ddof) {
  return static_cast<float>(covariance_d(a, b, ddof));
}
double covariance(std::span<const double> a, std::span<const double> b, std::size_t ddof) {
  return covariance_d(a, b, ddof);
}
float correlation(std::span<const float> a, std::span<const float> b) {
  return static_cast<float>(correlation_d(a, b));
}
double correlation(std::span<const double> a, std::span<const double> b) { return correlation_d(a, b); }

Vector<float> normalize(std::span<const float> x) { return allocating<float, normalize_into<float>>(x); }
Vector<double> normalize(std::span<const double> x) { return allocating<double, normalize_into<double>>(x); }
void normalize(std::span<const float> x, std::span<float> out) { normalize_into(x, out); }
void normalize(std::span<const double> x, std::span<double> out) { normalize_into(x, out); }

Vector<float> zscore(std::span<const float> x) { return allocating<float, zscore_into<float>>(x); }
Vector<double> zscore(std::span<const double> x) { return allocating<double, zscore_into<double>>(x); }
void zscore(std::span<const float> x, std::span<float> out) { zscore_into(x, out); }
void zscore(std::span<const double> x, std::span<double> out) { zscore_into(x, out); }

Vector<float> minmax_normalize(std::span<const float> x) { return allocating<float, minmax_into<float>>(x); }
Vector<double> minmax_normalize(std::span<const double> x) { return allocating<double, minmax_into<double>>(x); }
void minmax_normalize(std::span<const float> x, std::span<float> out) { minmax_into(x, out); }
void minmax_normalize(std::span<const double> x, std::span<double> out) { minmax_into(x, out); }

}  // namespace trueno
