// statistics.cpp: variance, covariance, correlation and the normalizations. Two passes: the
// mean, then deviations about it, accumulated in double precision.
#include "trueno/statistics.hpp"

#include <cmath>

#include "core/checks.hpp"
#include "core/reduce_util.hpp"
#include "cpu/dispatch.hpp"
#include "cpu/parallel/parallel.hpp"
#include "trueno/reductions.hpp"

namespace trueno {
namespace {

template <class T>
const cpu::FloatReduceKernels<T>& fr() {
  return detail::float_kernels<T>();
}

template <class T>
double mean_d(std::span<const T> x) {
  return detail::sum_double(x) / static_cast<double>(x.size());
}

// sum (x - m)^2. The kernel works about c = T(m) (so its tail padding adds exactly zero);
// since sum (x - c) = n (m - c), sum (x - m)^2 = sum (x - c)^2 - n (m - c)^2 exactly.
template <class T>
double sum_sq_dev(std::span<const T> x, double m) {
  const auto k = fr<T>().sum_sq_dev;
  const double s =
      detail::chunked_sum(x.size(), [&](std::size_t b, std::size_t e) { return k(x.data() + b, e - b, m, 1.0); });
  const double d = m - static_cast<double>(static_cast<T>(m));
  const double r = s - static_cast<double>(x.size()) * d * d;
  return r > 0.0 ? r : (std::isnan(r) ? r : 0.0);
}

template <class T>
double sum_prod_dev(std::span<const T> a, std::span<const T> b, double ma, double mb) {
  const auto k = fr<T>().sum_prod_dev;
  const double s = detail::chunked_sum(
      a.size(), [&](std::size_t s0, std::size_t e) { return k(a.data() + s0, b.data() + s0, e - s0, ma, mb); });
  const double da = ma - static_cast<double>(static_cast<T>(ma));
  const double db = mb - static_cast<double>(static_cast<T>(mb));
  return s - static_cast<double>(a.size()) * da * db;
}

// Mean and M2 in one pass over memory (the kernel's blocks, then the fixed chunks, merged in
// order with Chan's update: same result for any thread count).
template <class T>
detail::Moments moments(std::span<const T> x) {
  const auto k = fr<T>().moments;
  auto chunk = [&](std::size_t b, std::size_t e) {
    detail::Moments m;
    m.count = static_cast<double>(e - b);
    k(x.data() + b, e - b, &m.mean, &m.m2);
    return m;
  };
  if (x.size() <= detail::kReduceChunk) return chunk(0, x.size());
  detail::Moments total;
  detail::for_chunks<detail::Moments>(x.size(), chunk, [&](const detail::Moments& m) { total.merge(m); });
  return total;
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
  const double m2 = moments(x).m2;
  return (m2 > 0.0 || m2 != m2 ? m2 : 0.0) / static_cast<double>(x.size() - ddof);
}

template <class T>
double covariance_d(std::span<const T> a, std::span<const T> b, std::size_t ddof) {
  detail::check_same_size("covariance", "a", a.size(), "b", b.size());
  check_ddof("covariance", a.size(), ddof);
  return sum_prod_dev(a, b, mean_d(a), mean_d(b)) / static_cast<double>(a.size() - ddof);
}

template <class T>
double correlation_d(std::span<const T> a, std::span<const T> b) {
  detail::check_same_size("correlation", "a", a.size(), "b", b.size());
  detail::check_not_empty("correlation", a.size());
  const double ma = mean_d(a), mb = mean_d(b);
  const double sxx = sum_sq_dev(a, ma), syy = sum_sq_dev(b, mb);
  if (sxx == 0.0 || syy == 0.0) detail::throw_invalid("correlation", "an input has zero spread (constant)");
  const double r = sum_prod_dev(a, b, ma, mb) / (std::sqrt(sxx) * std::sqrt(syy));
  return r > 1.0 ? 1.0 : (r < -1.0 ? -1.0 : r);  // NaN passes through
}

// out = (x - shift) / divisor, as a multiplication by 1/divisor in double precision. When
// 1/divisor would be subnormal (divisor > 2^1021, double inputs only), two exact-scaling passes.
template <class T>
void apply_affine(std::span<const T> x, double shift, double divisor, std::span<T> out) {
  const auto k = cpu::elementwise<T>(cpu::kernels()).affine;
  const double f = 1.0 / divisor;
  if (std::isnormal(f) || std::isnan(f)) {
    parallel::for_ranges(x.size(),
                         [&](std::size_t b, std::size_t e) { k(x.data() + b, shift, f, out.data() + b, e - b); });
    return;
  }
  constexpr double kDown = 0x1p-64, kUp = 0x1p64;
  parallel::for_ranges(x.size(), [&](std::size_t b, std::size_t e) {
    k(x.data() + b, shift, kDown, out.data() + b, e - b);
    k(out.data() + b, 0.0, kUp / divisor, out.data() + b, e - b);
  });
}

template <class T>
void normalize_into(std::span<const T> x, std::span<T> out) {
  detail::check_output("normalize", x, "x", out);
  if (x.empty()) return;  // nothing to scale: an empty result, as numpy's x / norm(x)
  const double norm = static_cast<double>(norm_l2(x));
  if (norm == 0.0) detail::throw_invalid("normalize", "the L2 norm is zero");
  if (std::isinf(norm)) detail::throw_invalid("normalize", "the L2 norm is infinite");
  apply_affine(x, 0.0, norm, out);  // NaN norm: NaN everywhere, as the input had NaN
}

template <class T>
void zscore_into(std::span<const T> x, std::span<T> out) {
  detail::check_output("zscore", x, "x", out);
  detail::check_not_empty("zscore", x.size());
  const detail::Moments mo = moments(x);
  const double m = mo.mean;
  const double s = std::sqrt((mo.m2 > 0.0 ? mo.m2 : 0.0 * mo.m2) / static_cast<double>(x.size()));
  if (s == 0.0) detail::throw_invalid("zscore", "the standard deviation is zero (constant input)");
  if (std::isinf(s)) detail::throw_invalid("zscore", "the standard deviation is infinite");
  apply_affine(x, m, s, out);
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
  apply_affine(x, lo, range, out);
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
