// statistics.hpp: the CPU executor of the statistics: moments in one pass, sums of deviations
// about given means, and the affine map behind the normalizations. Header-inline like reduce.hpp.
#pragma once

#include <cmath>
#include <cstddef>

#include "cpu/dispatch.hpp"
#include "cpu/exec/chunking.hpp"
#include "cpu/exec/reduce.hpp"
#include "cpu/parallel/parallel.hpp"

namespace trueno::cpu::exec {

/// Count, mean and M2 = sum (x - mean)^2 of a set of values; merge() is Chan's update.
struct Moments {
  double count = 0, mean = 0, m2 = 0;
  void merge(const Moments& o) {
    const double total = count + o.count;
    if (total == 0) return;
    const double delta = o.mean - mean;
    mean += delta * o.count / total;
    m2 += o.m2 + delta * delta * count * o.count / total;
    count = total;
  }
};

/// Mean and M2 of x (n >= 1) in one pass over memory: the kernel's blocks, then the fixed
/// chunks merged in order with Chan's update (the same result for any thread count).
template <class T>
Moments moments(const T* x, std::size_t n) {
  const auto k = detail::float_kernels<T>().moments;
  auto chunk = [&](std::size_t b, std::size_t e) {
    Moments m;
    m.count = static_cast<double>(e - b);
    k(x + b, e - b, &m.mean, &m.m2);
    return m;
  };
  if (n <= detail::kReduceChunk) return chunk(0, n);
  Moments total;
  detail::for_chunks<Moments>(n, chunk, [&](const Moments& m) { total.merge(m); });
  return total;
}

/// sum (x - m)^2 (>= 0, or NaN). The kernel works about c = T(m) (so its tail padding adds
/// exactly zero); since sum (x - c) = n (m - c), sum (x - m)^2 = sum (x - c)^2 - n (m - c)^2.
template <class T>
double sum_sq_dev(const T* x, std::size_t n, double m) {
  const double s = detail::sum_sq_about(x, n, m, 1.0);
  const double d = m - static_cast<double>(static_cast<T>(m));
  const double r = s - static_cast<double>(n) * d * d;
  return r > 0.0 ? r : (std::isnan(r) ? r : 0.0);
}

/// sum (a - ma)(b - mb), corrected for the kernel's centers T(ma), T(mb) as sum_sq_dev.
template <class T>
double sum_prod_dev(const T* a, const T* b, std::size_t n, double ma, double mb) {
  const auto k = detail::float_kernels<T>().sum_prod_dev;
  const double s =
      detail::chunked_sum(n, [&](std::size_t s0, std::size_t e) { return k(a + s0, b + s0, e - s0, ma, mb); });
  const double da = ma - static_cast<double>(static_cast<T>(ma));
  const double db = mb - static_cast<double>(static_cast<T>(mb));
  return s - static_cast<double>(n) * da * db;
}

/// out = (x - shift) / divisor, as a multiplication by 1/divisor in double precision rounded
/// once to T; out may be x. When 1/divisor would be subnormal (divisor > 2^1021, double data
/// only), two exact-scaling passes per piece instead, so that 1/divisor loses no bits.
template <class T>
void affine(const T* x, double shift, double divisor, T* out, std::size_t n) {
  const auto k = elementwise<T>(kernels()).affine;
  const double f = 1.0 / divisor;
  if (std::isnormal(f) || std::isnan(f)) {
    parallel::for_ranges(n, [&](std::size_t b, std::size_t e) { k(x + b, shift, f, out + b, e - b); });
    return;
  }
  constexpr double kDown = 0x1p-64, kUp = 0x1p64;
  parallel::for_ranges(n, [&](std::size_t b, std::size_t e) {
    k(x + b, shift, kDown, out + b, e - b);
    k(out + b, 0.0, kUp / divisor, out + b, e - b);
  });
}

}  // namespace trueno::cpu::exec
