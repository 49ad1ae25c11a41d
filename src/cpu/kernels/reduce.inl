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

// Sum of f over the elements of one or two arrays, in double precision (the Acc wrapper).
// 8 independent accumulators: FP add/FMA latency 4 cycles x 2 ports on current x86 cores.
// A leaf of 32 steps (each accumulator adds 32 terms) then enters the pairwise tree, so the
// error bound is (32 + 3 + log2(W) + log2(n / leaf)) * 2^-53 per term magnitude.
// Tail lanes are filled with fill_a/fill_b, which the caller chooses so f adds exactly 0.
template <class V, bool kTwo, class F>
inline double accumulate(const typename V::T* a, const typename V::T* b, std::size_t n,
                         typename V::T fill_a, typename V::T fill_b, F f) {
  using A = typename V::Acc;
  using AR = typename A::R;
  constexpr std::size_t S = V::kWide;
  constexpr std::size_t kStep = 4 * S;
  constexpr std::size_t kLeaf = 32 * kStep;
  PairwiseStack<A> stack;
  for (std::size_t i = 0; i < n;) {
    const std::size_t m = n - i < kLeaf ? n - i : kLeaf;
    const auto* pa = a + i;
    const auto* pb = kTwo ? b + i : a + i;
    AR acc[8];
    for (auto& r : acc) r = A::zero();
    std::size_t j = 0;
    for (; j + kStep <= m; j += kStep) {
      AR la[4], ha[4], lb[4], hb[4];
      for (int k = 0; k < 4; ++k) {
        V::load_wide(pa + j + k * S, la[k], ha[k]);
        if constexpr (kTwo) V::load_wide(pb + j + k * S, lb[k], hb[k]);
      }
      for (int k = 0; k < 4; ++k) {
        acc[2 * k] = f(acc[2 * k], la[k], lb[k]);
        acc[2 * k + 1] = f(acc[2 * k + 1], ha[k], hb[k]);
      }
    }
    AR la, ha, lb = A::zero(), hb = A::zero();
    for (; j + S <= m; j += S) {
      V::load_wide(pa + j, la, ha);
      if constexpr (kTwo) V::load_wide(pb + j, lb, hb);
      acc[0] = f(acc[0], la, lb);
      acc[1] = f(acc[1], ha, hb);
    }
    if (j < m) {
      V::load_wide_partial(pa + j, m - j, la, ha, fill_a);
      if constexpr (kTwo) V::load_wide_partial(pb + j, m - j, lb, hb, fill_b);
      acc[0] = f(acc[0], la, lb);
      acc[1] = f(acc[1], ha, hb);
    }
    stack.push(A::add(A::add(A::add(acc[0], acc[1]), A::add(acc[2], acc[3])),
                      A::add(A::add(acc[4], acc[5]), A::add(acc[6], acc[7]))));
    i += m;
  }
  return A::reduce_add(stack.result());
}

template <class V> double sum(const typename V::T* x, std::size_t n) {
  using A = typename V::Acc;
  return accumulate<V, false>(x, x, n, 0, 0, [](auto acc, auto v, auto) { return A::add(acc, v); });
}
template <class V> double sum_abs(const typename V::T* x, std::size_t n) {
  using A = typename V::Acc;
  return accumulate<V, false>(x, x, n, 0, 0, [](auto acc, auto v, auto) { return A::add(acc, A::abs(v)); });
}
template <class V> double sum_sq(const typename V::T* x, std::size_t n) {
  using A = typename V::Acc;
  return accumulate<V, false>(x, x, n, 0, 0, [](auto acc, auto v, auto) { return A::fmadd(v, v, acc); });
}
template <class V> double dot(const typename V::T* a, const typename V::T* b, std::size_t n) {
  using A = typename V::Acc;
  return accumulate<V, true>(a, b, n, 0, 0, [](auto acc, auto x, auto y) { return A::fmadd(x, y, acc); });
}
// sum ((x - c) f)^2 about a center c representable in T (the tail fill then adds exactly 0).
template <class V> double sum_sq_dev(const typename V::T* x, std::size_t n, double center, double factor) {
  using A = typename V::Acc;
  const auto c = static_cast<typename V::T>(center);
  const auto cv = A::set1(static_cast<double>(c)), fv = A::set1(factor);
  return accumulate<V, false>(x, x, n, c, c, [cv, fv](auto acc, auto v, auto) {
    const auto d = A::mul(A::sub(v, cv), fv);
    return A::fmadd(d, d, acc);
  });
}
template <class V>
double sum_prod_dev(const typename V::T* a, const typename V::T* b, std::size_t n, double center_a, double center_b) {
  using A = typename V::Acc;
  const auto ca = static_cast<typename V::T>(center_a), cb = static_cast<typename V::T>(center_b);
  const auto cav = A::set1(static_cast<double>(ca)), cbv = A::set1(static_cast<double>(cb));
  return accumulate<V, true>(a, b, n, ca, cb, [cav, cbv](auto acc, auto x, auto y) {
    return A::fmadd(A::sub(x, cav), A::sub(y, cbv), acc);
  });
}

// ---- min / max ------------------------------------------------------------------------------
// Folds ignore NaN (V::max(v, acc) keeps acc when v is NaN); a separate lane mask records
// whether any NaN was seen, and the caller then returns NaN / the first NaN's index.
template <class V, bool kMax, bool kAbs>
inline bool extreme_block(const typename V::T* x, std::size_t n, typename V::T& out) {
  using R = typename V::R;
  constexpr std::size_t W = V::W;
  auto prep = [](R v) { if constexpr (kAbs) return V::abs(v); else return v; };
  auto fold = [](R v, R acc) { if constexpr (kMax) return V::max(v, acc); else return V::min(v, acc); };
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
  const bool want_nan = v != v;
  const auto vv = V::set1(v);
  std::size_t i = 0;
  for (; i + W <= n; i += W) {
    const auto r = V::load(x + i);
    if (V::any(want_nan ? V::isnan(r) : V::eq(r, vv))) break;
  }
  for (; i < n; ++i)
    if (want_nan ? x[i] != x[i] : x[i] == v) return i;
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
template <class T> Int128 int_sum(const T* x, std::size_t n) {
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
template <class T> Int128 int_dot(const T* a, const T* b, std::size_t n) {
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
template <class T, bool kMax> T int_extreme(const T* x, std::size_t n) {
  T m = x[0];
  for (std::size_t i = 1; i < n; ++i) m = kMax ? (x[i] > m ? x[i] : m) : (x[i] < m ? x[i] : m);
  return m;
}
template <class T> T int_min(const T* x, std::size_t n) { return int_extreme<T, false>(x, n); }
template <class T> T int_max(const T* x, std::size_t n) { return int_extreme<T, true>(x, n); }
template <class T, bool kMax> std::size_t int_arg_extreme(const T* x, std::size_t n) {
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
      .sum = &sum<V>, .sum_abs = &sum_abs<V>, .sum_sq = &sum_sq<V>, .dot = &dot<V>,
      .sum_sq_dev = &sum_sq_dev<V>, .sum_prod_dev = &sum_prod_dev<V>,
      .min = &extreme<V, false, false>, .max = &extreme<V, true, false>,
      .max_abs = &extreme<V, true, true>,
      .argmin = &arg_extreme<V, false>, .argmax = &arg_extreme<V, true>,
  };
}

template <class T>
constexpr IntReduceKernels<T> make_int_reduce() {
  return {
      .sum = &int_sum<T>, .dot = &int_dot<T>, .min = &int_min<T>, .max = &int_max<T>,
      .argmin = &int_arg_extreme<T, false>, .argmax = &int_arg_extreme<T, true>,
  };
}

}  // namespace red
