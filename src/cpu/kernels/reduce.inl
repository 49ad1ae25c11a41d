// reduce.inl: reductions, written once against the SIMD wrapper V (float/double) and as plain
// loops that the target region vectorizes (integers).
// Included inside an ISA namespace and target region, after map.inl.

namespace red {

// Pairwise summation of a stream of registers with a binary counter: the k-th pushed value
// is merged with its neighbours exactly as in a balanced tree, so the rounding error grows
// with log2(#leaves) instead of #leaves, and the tree depends only on n (not on timing).
template <class A>
struct PairwiseStack {
  typename A::R level[64];
  std::uint64_t count = 0;
  int depth = 0;

  void push(typename A::R v) {
    for (std::uint64_t c = count++; c & 1; c >>= 1) v = A::add(level[--depth], v);
    level[depth++] = v;
  }
  typename A::R result() const {
    if (depth == 0) return A::zero();
    typename A::R r = level[depth - 1];
    for (int d = depth - 2; d >= 0; --d) r = A::add(level[d], r);
    return r;
  }
};

// The sum, in double precision (the Acc wrapper A), of the terms a step functor produces:
// step(j, m, lo, hi) sets two A registers to the contributions of elements [j, j + min(m, S))
// (lanes past the end must contribute exactly 0). The driver calls it with m = S in the main
// loop, so after inlining the tail handling inside the step folds away there.
// 8 independent accumulators: FP add latency 4 cycles x 2 ports on current x86 cores. A leaf
// of 32 steps (each accumulator adds 32 terms) then enters the pairwise tree, so the double
// rounding error is at most (32 + 3 + log2(W) + log2(n / leaf)) 2^-53 per unit of sum|term|.
template <class V, std::size_t S, class Step>
inline double accumulate(std::size_t n, Step step) {
  using A = typename V::Acc;
  using AR = typename A::R;
  constexpr std::size_t kStep = 4 * S;
  constexpr std::size_t kLeaf = 32 * kStep;
  PairwiseStack<A> stack;
  for (std::size_t i = 0; i < n;) {
    const std::size_t m = n - i < kLeaf ? n - i : kLeaf;
    AR acc[8];
    for (auto& r : acc) r = A::zero();
    std::size_t j = 0;
    for (; j + kStep <= m; j += kStep) {
      AR lo[4], hi[4];
      for (std::size_t k = 0; k < 4; ++k) step(i + j + k * S, S, lo[k], hi[k]);
      for (std::size_t k = 0; k < 4; ++k) {
        acc[2 * k] = A::add(acc[2 * k], lo[k]);
        acc[2 * k + 1] = A::add(acc[2 * k + 1], hi[k]);
      }
    }
    for (; j < m; j += S) {
      AR lo, hi;
      step(i + j, m - j, lo, hi);
      acc[0] = A::add(acc[0], lo);
      acc[1] = A::add(acc[1], hi);
    }
    stack.push(A::add(A::add(A::add(acc[0], acc[1]), A::add(acc[2], acc[3])),
                      A::add(A::add(acc[4], acc[5]), A::add(acc[6], acc[7]))));
    i += m;
  }
  return A::reduce_add(stack.result());
}

// Two registers of x from p: elements [0, min(m, 2W)), zeros beyond.
template <class V>
inline void load2(const typename V::T* p, std::size_t m, typename V::R& x0, typename V::R& x1) {
  constexpr std::size_t W = V::W;
  if (m >= 2 * W) {
    x0 = V::load(p);
    x1 = V::load(p + W);
  } else {
    x0 = m >= W ? V::load(p) : V::load_partial(p, m, 0);
    x1 = m > W ? V::load_partial(p + W, m - W, 0) : V::zero();
  }
}

// Plain sums of per-element terms. float: two registers of terms are added in float first
// (one float rounding, <= 2^-24 of the pair's magnitude), then widened to double: half the
// conversions, which bound the in-cache speed. double: each register is a term directly.
// pair(x0, x1, y0, y1) combines two registers of terms into one (float path only).
template <class V, bool kTwo, class Term, class Pair>
inline double sum_terms(const typename V::T* a, const typename V::T* b, std::size_t n, Term term, Pair pair) {
  using R = typename V::R;
  using AR = typename V::Acc::R;
  return accumulate<V, 2 * V::W>(n, [=](std::size_t j, std::size_t m, AR& lo, AR& hi) {
    R x0, x1, y0 = V::zero(), y1 = V::zero();
    load2<V>(a + j, m, x0, x1);
    if constexpr (kTwo) load2<V>(b + j, m, y0, y1);
    if constexpr (std::is_same_v<typename V::T, float>) {
      V::widen(pair(x0, x1, y0, y1), lo, hi);
    } else {
      lo = term(x0, y0);
      hi = term(x1, y1);
    }
  });
}

// Terms formed in double (x - c in float would round): x widened, with the tail filled with
// the center c itself, which is representable in T and so contributes exactly 0.
template <class V, bool kTwo, class F>
inline double sum_dev_terms(const typename V::T* a, const typename V::T* b, std::size_t n, typename V::T ca,
                            typename V::T cb, F f) {
  using AR = typename V::Acc::R;
  return accumulate<V, V::kWide>(n, [=](std::size_t j, std::size_t m, AR& lo, AR& hi) {
    AR la, ha, lb = V::Acc::zero(), hb = V::Acc::zero();
    if (m >= V::kWide) {
      V::load_wide(a + j, la, ha);
      if constexpr (kTwo) V::load_wide(b + j, lb, hb);
    } else {
      V::load_wide_partial(a + j, m, la, ha, ca);
      if constexpr (kTwo) V::load_wide_partial(b + j, m, lb, hb, cb);
    }
    lo = f(la, lb);
    hi = f(ha, hb);
  });
}

// Fast float sums pair terms in float; a float pair can overflow (3e38 + 3e38) or a float
// product underflow (1e-30 * 1e-30) where double would not. The result shows it: not finite,
// or (products) tiny. Only then is the sum recomputed with every term formed in double.
constexpr double kTinyProducts = 0x1p-60;              // below: underflowed float products may matter
inline bool finite(double r) { return r - r == 0.0; }  // no libm call inside a target region

// Without the float pairing: each float term is widened first (double input: the plain sum).
template <class V>
double sum_wide(const typename V::T* x, std::size_t n) {
  return sum_dev_terms<V, false>(x, x, n, 0, 0, [](auto v, auto) { return v; });
}
template <class V>
double sum(const typename V::T* x, std::size_t n) {
  const double r = sum_terms<V, false>(
      x, x, n, [](auto v, auto) { return v; }, [](auto x0, auto x1, auto, auto) { return V::add(x0, x1); });
  if (std::is_same_v<typename V::T, double> || finite(r)) return r;
  return sum_dev_terms<V, false>(x, x, n, 0, 0, [](auto v, auto) { return v; });
}
template <class V>
double sum_abs(const typename V::T* x, std::size_t n) {
  const double r = sum_terms<V, false>(
      x, x, n, [](auto v, auto) { return V::abs(v); },
      [](auto x0, auto x1, auto, auto) { return V::add(V::abs(x0), V::abs(x1)); });
  if (std::is_same_v<typename V::T, double> || finite(r)) return r;
  return sum_dev_terms<V, false>(x, x, n, 0, 0, [](auto v, auto) { return V::Acc::abs(v); });
}
template <class V>
double sum_sq(const typename V::T* x, std::size_t n) {
  const double r = sum_terms<V, false>(
      x, x, n, [](auto v, auto) { return V::mul(v, v); },
      [](auto x0, auto x1, auto, auto) { return V::fmadd(x1, x1, V::mul(x0, x0)); });
  if (std::is_same_v<typename V::T, double> || (finite(r) && r >= kTinyProducts)) return r;
  return sum_dev_terms<V, false>(x, x, n, 0, 0, [](auto v, auto) { return V::Acc::mul(v, v); });
}
template <class V>
double dot(const typename V::T* a, const typename V::T* b, std::size_t n) {
  const double r = sum_terms<V, true>(
      a, b, n, [](auto x, auto y) { return V::mul(x, y); },
      [](auto x0, auto x1, auto y0, auto y1) { return V::fmadd(x1, y1, V::mul(x0, y0)); });
  if (std::is_same_v<typename V::T, double> || (finite(r) && (r >= kTinyProducts || r <= -kTinyProducts))) return r;
  return sum_dev_terms<V, true>(a, b, n, 0, 0, [](auto x, auto y) { return V::Acc::mul(x, y); });
}

// sum ((x - c) f)^2 about a center c representable in T.
template <class V>
double sum_sq_dev(const typename V::T* x, std::size_t n, double center, double factor) {
  using A = typename V::Acc;
  const auto c = static_cast<typename V::T>(center);
  const auto cv = A::set1(static_cast<double>(c)), fv = A::set1(factor);
  return sum_dev_terms<V, false>(x, x, n, c, c, [cv, fv](auto v, auto) {
    const auto d = A::mul(A::sub(v, cv), fv);
    return A::mul(d, d);
  });
}
template <class V>
double sum_prod_dev(const typename V::T* a, const typename V::T* b, std::size_t n, double center_a, double center_b) {
  using A = typename V::Acc;
  const auto ca = static_cast<typename V::T>(center_a), cb = static_cast<typename V::T>(center_b);
  const auto cav = A::set1(static_cast<double>(ca)), cbv = A::set1(static_cast<double>(cb));
  return sum_dev_terms<V, true>(a, b, n, ca, cb,
                                [cav, cbv](auto x, auto y) { return A::mul(A::sub(x, cav), A::sub(y, cbv)); });
}

// One pass over memory for mean and M2: each block of kMomentBlock elements (16 KiB of double,
// resident in L1) is summed, then its squared deviations about its own mean; blocks merge
// with Chan's update, M2 = M2a + M2b + d^2 na nb / (na + nb), stable for any offset.
constexpr std::size_t kMomentBlock = 2048;

template <class V>
void moments(const typename V::T* x, std::size_t n, double* mean, double* m2) {
  double count = 0, m = 0, s2 = 0;
  for (std::size_t b = 0; b < n; b += kMomentBlock) {
    const std::size_t len = n - b < kMomentBlock ? n - b : kMomentBlock;
    const double nb = static_cast<double>(len);
    const double mb = sum<V>(x + b, len) / nb;
    const double c = static_cast<double>(static_cast<typename V::T>(mb));  // center in T
    const double d = mb - c;
    double q = sum_sq_dev<V>(x + b, len, mb, 1.0) - nb * d * d;  // about mb (see statistics.cpp)
    q = q > 0.0 ? q : (q == q ? 0.0 : q);
    const double total = count + nb;
    const double delta = mb - m;
    m += delta * nb / total;
    s2 += q + delta * delta * count * nb / total;
    count = total;
  }
  *mean = m;
  *m2 = s2;
}

// ---- min / max ------------------------------------------------------------------------------
// Folds ignore NaN (V::max(v, acc) keeps acc when v is NaN); a separate lane mask records
// whether any NaN was seen, and the caller then returns NaN / the first NaN's index.
template <class V, bool kMax, bool kAbs>
inline bool extreme_block(const typename V::T* x, std::size_t n, typename V::T& out) {
  using R = typename V::R;
  constexpr std::size_t W = V::W;
  auto prep = [](R v) {
    if constexpr (kAbs)
      return V::abs(v);
    else
      return v;
  };
  auto fold = [](R v, R acc) {
    if constexpr (kMax)
      return V::max(v, acc);
    else
      return V::min(v, acc);
  };
  const R init = prep(V::set1(x[0]));
  R a0 = init, a1 = init, a2 = init, a3 = init;
  auto nan = V::lt(init, init);  // all lanes false
  std::size_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    const R v0 = V::load(x + i), v1 = V::load(x + i + W), v2 = V::load(x + i + 2 * W), v3 = V::load(x + i + 3 * W);
    nan = V::mor(nan, V::mor(V::mor(V::isnan(v0), V::isnan(v1)), V::mor(V::isnan(v2), V::isnan(v3))));
    a0 = fold(prep(v0), a0);
    a1 = fold(prep(v1), a1);
    a2 = fold(prep(v2), a2);
    a3 = fold(prep(v3), a3);
  }
  for (; i + W <= n; i += W) {
    const R v = V::load(x + i);
    nan = V::mor(nan, V::isnan(v));
    a0 = fold(prep(v), a0);
  }
  if (i < n) {
    const R v = V::load_partial(x + i, n - i, x[0]);
    nan = V::mor(nan, V::isnan(v));
    a0 = fold(prep(v), a0);
  }
  if (V::any(nan)) return true;
  const R r = fold(fold(a0, a1), fold(a2, a3));
  out = kMax ? V::reduce_max(r) : V::reduce_min(r);
  return false;
}

// Chunks of 4096 elements: NaN found => return at once; the per-chunk horizontal reduction
// costs ~15 cycles against >= 128 cycles of loads.
constexpr std::size_t kExtremeChunk = 4096;

template <class V, bool kMax, bool kAbs>
typename V::T extreme(const typename V::T* x, std::size_t n) {
  using T = typename V::T;
  if (n == 0) return T(0);
  T best = 0;
  for (std::size_t i = 0; i < n; i += kExtremeChunk) {
    const std::size_t m = n - i < kExtremeChunk ? n - i : kExtremeChunk;
    T v;
    if (extreme_block<V, kMax, kAbs>(x + i, m, v)) return std::numeric_limits<T>::quiet_NaN();
    if (i == 0 || (kMax ? v > best : v < best)) best = v;
  }
  return best;
}

// First index k in [0, n) with x[k] == v (or x[k] is NaN when v is NaN); n if none.
template <class V>
std::size_t find_first(const typename V::T* x, std::size_t n, typename V::T v) {
  constexpr std::size_t W = V::W;
  const bool want_nan = v != v;  // NOLINT(misc-redundant-expression): NaN test
  const auto vv = V::set1(v);
  std::size_t i = 0;
  for (; i + W <= n; i += W) {
    const auto r = V::load(x + i);
    if (V::any(want_nan ? V::isnan(r) : V::eq(r, vv))) break;
  }
  for (; i < n; ++i)
    if (want_nan ? x[i] != x[i] : x[i] == v) return i;  // NOLINT(misc-redundant-expression): NaN test
  return n;
}

// argmin/argmax in one pass: each chunk (in L1) is reduced with SIMD; only a chunk that holds
// a NaN or strictly improves the best value is searched again (strict: first index wins ties).
template <class V, bool kMax>
std::size_t arg_extreme(const typename V::T* x, std::size_t n) {
  using T = typename V::T;
  T best = 0;
  std::size_t best_i = 0;
  for (std::size_t i = 0; i < n; i += kExtremeChunk) {
    const std::size_t m = n - i < kExtremeChunk ? n - i : kExtremeChunk;
    T v;
    if (extreme_block<V, kMax, false>(x + i, m, v))
      return i + find_first<V>(x + i, m, std::numeric_limits<T>::quiet_NaN());
    if (i == 0 || (kMax ? v > best : v < best)) {
      best = v;
      best_i = i + find_first<V>(x + i, m, v);
    }
  }
  return best_i;
}

// ---- integers: plain loops, vectorized by the compiler inside each target region ----------
template <class T>
Int128 int_sum(const T* x, std::size_t n) {
  if constexpr (sizeof(T) == 4) {
    std::int64_t s = 0;  // |sum| < 2^31 * 2^30: exact
    for (std::size_t i = 0; i < n; ++i) s += x[i];
    return s;
  } else {
    // Split each value into a signed high and an unsigned low 32-bit half; both partial
    // sums are exact for n <= 2^30, and recombine exactly in 128 bits.
    std::int64_t hi = 0;
    std::uint64_t lo = 0;
    for (std::size_t i = 0; i < n; ++i) {
      hi += x[i] >> 32;
      lo += static_cast<std::uint64_t>(x[i]) & 0xffffffffu;
    }
    return static_cast<Int128>(hi) * 4294967296 + static_cast<Int128>(lo);
  }
}
template <class T>
Int128 int_dot(const T* a, const T* b, std::size_t n) {
  if constexpr (sizeof(T) == 4) {
    std::int64_t hi = 0;  // as int_sum of the exact 64-bit products
    std::uint64_t lo = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t p = static_cast<std::int64_t>(a[i]) * b[i];
      hi += p >> 32;
      lo += static_cast<std::uint64_t>(p) & 0xffffffffu;
    }
    return static_cast<Int128>(hi) * 4294967296 + static_cast<Int128>(lo);
  } else {
    // 64x64-bit products need 128 bits; saturate on the (absurd) 128-bit overflow so the
    // front-end reports Overflow instead of a wrapped value.
    Int128 s = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (__builtin_add_overflow(s, static_cast<Int128>(a[i]) * b[i], &s))
        return (a[i] < 0) == (b[i] < 0) ? std::numeric_limits<Int128>::max() : std::numeric_limits<Int128>::min();
    }
    return s;
  }
}
template <class T, bool kMax>
T int_extreme(const T* x, std::size_t n) {
  T m = x[0];
  for (std::size_t i = 1; i < n; ++i) m = kMax ? (x[i] > m ? x[i] : m) : (x[i] < m ? x[i] : m);
  return m;
}
template <class T>
T int_min(const T* x, std::size_t n) {
  return int_extreme<T, false>(x, n);
}
template <class T>
T int_max(const T* x, std::size_t n) {
  return int_extreme<T, true>(x, n);
}
template <class T, bool kMax>
std::size_t int_arg_extreme(const T* x, std::size_t n) {
  T best = 0;
  std::size_t best_i = 0;
  for (std::size_t i = 0; i < n; i += kExtremeChunk) {
    const std::size_t m = n - i < kExtremeChunk ? n - i : kExtremeChunk;
    const T v = int_extreme<T, kMax>(x + i, m);
    if (i == 0 || (kMax ? v > best : v < best)) {
      best = v;
      std::size_t k = 0;
      while (x[i + k] != v) ++k;
      best_i = i + k;
    }
  }
  return best_i;
}

template <class V>
constexpr FloatReduceKernels<typename V::T> make_float_reduce() {
  return {
      .sum = &sum<V>,
      .sum_wide = std::is_same_v<typename V::T, float> ? &sum_wide<V> : &sum<V>,
      .sum_abs = &sum_abs<V>,
      .sum_sq = &sum_sq<V>,
      .dot = &dot<V>,
      .sum_sq_dev = &sum_sq_dev<V>,
      .sum_prod_dev = &sum_prod_dev<V>,
      .moments = &moments<V>,
      .min = &extreme<V, false, false>,
      .max = &extreme<V, true, false>,
      .max_abs = &extreme<V, true, true>,
      .argmin = &arg_extreme<V, false>,
      .argmax = &arg_extreme<V, true>,
  };
}

template <class T>
constexpr IntReduceKernels<T> make_int_reduce() {
  return {
      .sum = &int_sum<T>,
      .dot = &int_dot<T>,
      .min = &int_min<T>,
      .max = &int_max<T>,
      .argmin = &int_arg_extreme<T, false>,
      .argmax = &int_arg_extreme<T, true>,
  };
}

}  // namespace red
