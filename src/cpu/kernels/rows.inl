// rows.inl: row-wise kernels over one contiguous row (softmax, log_softmax, layer_norm,
// rms_norm); the front-end loops (and splits) over rows. Included inside an ISA namespace and
// target region, after math_core.inl.

namespace rows {

template <class V>
using T_ = typename V::T;
template <class V>
using A_ = typename V::Acc;

// s + c += v, Kahan-compensated (c holds minus the lost low part): double sums of double data
// stay within a few ULP whatever the row length.
template <class A>
inline void kahan_add(typename A::R& s, typename A::R& c, typename A::R v) {
  const auto y = A::sub(v, c);
  const auto t = A::add(s, y);
  c = A::sub(A::sub(t, s), y);
  s = t;
}

// Accumulators of one row: float data in double lanes (lo, hi halves), double data as a Kahan
// pair (lo = sum, hi = compensation). widen_add: acc += v; widen_mul: acc *= v; total: the sum.
template <class V>
inline void widen_add(typename V::R v, typename A_<V>::R& lo, typename A_<V>::R& hi) {
  using A = A_<V>;
  if constexpr (sizeof(T_<V>) == 8) {
    kahan_add<A>(lo, hi, v);
  } else if constexpr (V::W == 1) {
    lo = A::add(lo, static_cast<double>(v));
  } else {
    typename A::R a, b;
    V::widen(v, a, b);
    lo = A::add(lo, a);
    hi = A::add(hi, b);
  }
}
template <class V>
inline void widen_mul(typename V::R v, typename A_<V>::R& lo, typename A_<V>::R& hi) {
  using A = A_<V>;
  if constexpr (sizeof(T_<V>) == 8) {
    lo = A::mul(lo, v);
    hi = A::mul(hi, v);
  } else if constexpr (V::W == 1) {
    lo = A::mul(lo, static_cast<double>(v));
  } else {
    typename A::R a, b;
    V::widen(v, a, b);
    lo = A::mul(lo, a);
    hi = A::mul(hi, b);
  }
}

template <class V>
inline double total(typename A_<V>::R lo, typename A_<V>::R hi) {
  using A = A_<V>;
  if constexpr (sizeof(T_<V>) == 8)
    return A::reduce_add(lo) - A::reduce_add(hi);
  else
    return A::reduce_add(A::add(lo, hi));
}

// One pass: lane-wise running max m and sum s of e^(x - m) (kept in double), rescaled by
// e^(m_old - m_new) as the lanes' maxima grow.
// m starts at the lowest finite value, so -inf entries (masks) contribute e^-inf = 0 and never
// form -inf - -inf. Returns the row max M and the sum S of e^(x - M).
template <class V>
inline void max_sum_exp(const T_<V>* x, std::size_t n, T_<V>& max_out, double& sum_out) {
  using A = A_<V>;
  constexpr std::size_t W = V::W;
  const auto ninf = V::set1(-std::numeric_limits<T_<V>>::infinity());
  auto m = V::set1(std::numeric_limits<T_<V>>::lowest());
  auto slo = A::zero(), shi = A::zero();
  // One loop (a single body, so it is inlined): the last block loads partial registers
  // filled with -inf, which add e^-inf = 0.
  const auto ld = [&](std::size_t j) {
    return j + W <= n ? V::load(x + j)
                      : (j < n ? V::load_partial(x + j, n - j, -std::numeric_limits<T_<V>>::infinity()) : ninf);
  };
  for (std::size_t i = 0; i < n; i += 4 * W) {
    const auto a0 = ld(i), a1 = ld(i + W), a2 = ld(i + 2 * W), a3 = ld(i + 3 * W);
    // Rescaled every block, branch-free: one exp per 4 registers.
    const auto mn = V::max(m, V::max(V::max(a0, a1), V::max(a2, a3)));
    widen_mul<V>(mth::exp_lean<V>(V::sub(m, mn)), slo, shi);
    m = mn;
    const auto e = V::add(V::add(mth::exp_lean<V>(V::sub(a0, m)), mth::exp_lean<V>(V::sub(a1, m))),
                          V::add(mth::exp_lean<V>(V::sub(a2, m)), mth::exp_lean<V>(V::sub(a3, m))));
    widen_add<V>(e, slo, shi);  // a NaN element reaches the sum through e^(NaN - m) = NaN
  }
  // Combine lanes: S = sum_l s_l e^(m_l - M).
  const T_<V> mx = V::reduce_max(m);
  const auto f = mth::exp_lean<V>(V::sub(m, V::set1(mx)));
  widen_mul<V>(f, slo, shi);
  max_out = mx;
  sum_out = total<V>(slo, shi);
}

// Float rows on the fused-FMA ISAs, by chunks of 64 registers (kChunkMax chunks at most): per
// chunk, its lane maxima m_c (one pass over the chunk, which then sits in L1), then e^(x - h_c)
// for a shift h_c <= m_c per lane (softmax: stored to out; h_c = km ln2 below (shift_by_ln2),
// or m_c itself with x - m_c as an exact TwoSum pair) and its lane sums in double. Then
// M = max m_c, S = sum_c s_c e^(h_c - M) in double, and softmax scales out by
// f_c = e^(h_c - M) / S (rounded once): e^(x - h_c) (~0.9 ULP) times f_c (0.5 ULP), rounded
// once more, the same budget as e^(x - M) * (1 / S). The scale pass reads out from L1/L2 and
// needs no exp. log_softmax needs only S (h_c = m_c, no TwoSum, nothing stored), then
// x - M - log S.
constexpr std::size_t kChunkMax = 64;

// e^(x - m_c) by mth::exp_lean_nonpos (x <= m_c: zero below its range, so -inf entries and
// padded lanes give +0; a NaN x gives NaN). softmax passes the rounding error of x - m_c
// (TwoSum) as the low part (NaN at x = -inf, a lane that is +0 whatever its low part).
template <class V, bool kStore>
TRUENO_MATH_INLINE typename V::R chunk_exp(typename V::R v, typename V::R mc, typename V::R nmc) {
  const auto d = V::sub(v, mc);
  if constexpr (!kStore) {
    return mth::exp_lean_nonpos<V>(d);
  } else {
    const auto bb = V::sub(d, v);
    return mth::exp_lean_nonpos<V>(d, V::add(V::sub(v, V::sub(d, bb)), V::sub(nmc, bb)));
  }
}

// Softmax chunks whose lane maxima m lie within +-2^14 (nearly all) shift by km ln2 <= m, km =
// floor(m / ln2) (less 2^-8, over the product's rounding), instead of m: softmax allows any shift
// per chunk, since the combine scales each chunk by e^(shift - M). Then e^(x - km ln2) =
// 2^(k - km) (1 + t), where x = k ln2 + r is the lean exp's reduction of x itself and t = e^r - 1:
// no x - m, no TwoSum, and the lean exp's own ~0.9 ULP. (The kept lanes have |x| <= 2^14 + 104:
// the reduction's first step is exact and k kLn2Lo is off by under 2^-29.) The shift being <= m,
// the chunk's factor e^(shift - M) / S stays <= 1 (S >= 1), so it never magnifies a denormal's
// rounding; the results stay below 2.01, and k - km lies in [-152, 2] on the kept lanes, as
// mth::exp_lean_from needs: 14 operations per register instead of 20 on AVX-512 (~20 instead of
// ~26 on AVX2). Lanes below thr = m + kExpMin (-inf masks included) are +0, NaN stays NaN.
// Other chunks: chunk_exp.
template <class V>
struct ShiftByLn2 {
  typename V::R km, thr;
};
template <class V>
TRUENO_MATH_INLINE ShiftByLn2<V> shift_by_ln2(typename V::R mc) {
  const auto km = V::floor(V::fmsub(mc, V::set1(T_<V>(mth::kInvLn2Hi<V>)), V::set1(T_<V>(0x1p-8))));
  return {km, V::add(mc, V::set1(T_<V>(mth::kExpMin<V>)))};
}

template <class V, bool kLog>
inline bool softmax_chunked(const T_<V>* x, T_<V>* o, std::size_t n) {
  using A = A_<V>;
  using T = T_<V>;
  constexpr std::size_t W = V::W, C = 64 * W, AW = A::W;
  const std::size_t nc = (n + C - 1) / C;
  if (nc > kChunkMax || n == 0) return n == 0;
  alignas(64) double shs[kChunkMax * W];  // each chunk's shift per lane (m_c, or km ln2)
  alignas(64) double css[kChunkMax * W];
  constexpr T ninf = -std::numeric_limits<T>::infinity();
  auto mv = V::set1(std::numeric_limits<T>::lowest());
  // Memory and arithmetic overlap through prefetches issued from the exp pass (arithmetic-bound,
  // few loads of its own): while it works on chunk c it fetches the x lines of the next chunk
  // (for the last chunk: the next row of a contiguous matrix), whose maxima pass then reads L1,
  // and the output lines that are stored next (softmax: the next chunk's; log_softmax: this
  // chunk's, written by its final pass), with write intent where the target has it (NEON's
  // PRFM PSTL1KEEP; x86 builds without PREFETCHW emit prefetcht0, which is what was measured).
  // Rows under 1 KiB skip it (per-row work dominates there).
  const bool ahead = n * sizeof(T) >= 1024;
  for (std::size_t c = 0; c < nc; ++c) {
    const T* xc = x + c * C;
    T* oc = o + c * C;
    const std::size_t m = n - c * C < C ? n - c * C : C;
    const std::size_t next = c + 1 < nc ? (c + 1) * C : n;
    const T* xn = x + next;
    const T* on = kLog ? oc : o + next;
    auto mc = V::set1(std::numeric_limits<T>::lowest());
    std::size_t j = 0;
    for (; j + 4 * W <= m; j += 4 * W)
      mc = V::max(mc, V::max(V::max(V::load(xc + j), V::load(xc + j + W)),
                             V::max(V::load(xc + j + 2 * W), V::load(xc + j + 3 * W))));
    for (; j < m; j += W) mc = V::max(mc, m - j >= W ? V::load(xc + j) : V::load_partial(xc + j, m - j, ninf));
    mv = V::max(mv, mc);
    auto slo = A::zero(), shi = A::zero();
    const auto exp_pass = [&](auto ex) TRUENO_LAMBDA_INLINE {
      std::size_t i = 0;
      for (; i + 4 * W <= m; i += 4 * W) {
        if (ahead) {
          prefetch_lines<4 * W * sizeof(T)>(xn + i);
          prefetch_lines<4 * W * sizeof(T), true>(on + i);
        }
        const auto e0 = ex(V::load(xc + i)), e1 = ex(V::load(xc + i + W));
        const auto e2 = ex(V::load(xc + i + 2 * W)), e3 = ex(V::load(xc + i + 3 * W));
        if constexpr (!kLog) {
          V::store(oc + i, e0);
          V::store(oc + i + W, e1);
          V::store(oc + i + 2 * W, e2);
          V::store(oc + i + 3 * W, e3);
        }
        widen_add<V>(V::add(V::add(e0, e1), V::add(e2, e3)), slo, shi);
      }
      for (; i < m; i += W) {
        const std::size_t r = m - i < W ? m - i : W;
        const auto e = ex(V::load_partial(xc + i, r, ninf));  // fill: e = 0
        if constexpr (!kLog) V::store_partial(oc + i, r, e);
        widen_add<V>(e, slo, shi);
      }
    };
    typename A::R sh_lo, sh_hi;  // the chunk's shift per lane, in double
    bool by_ln2 = false;
    if constexpr (!kLog) {
      const auto lim = V::set1(T(0x1p14));
      if (!V::any(V::mnot(V::mand(V::ge(mc, V::neg(lim)), V::le(mc, lim))))) {  // NaN lanes fail
        const auto f = shift_by_ln2<V>(mc);
        exp_pass([f](typename V::R v)
                     TRUENO_LAMBDA_INLINE { return mth::exp_lean_from<V>(v, f.thr, mth::Zero{}, f.km); });
        V::widen(f.km, sh_lo, sh_hi);
        const auto ln2 = A::set1(0.69314718055994531);
        sh_lo = A::mul(sh_lo, ln2);  // km ln2 in double: within 2^-37
        sh_hi = A::mul(sh_hi, ln2);
        by_ln2 = true;
      }
    }
    if (!by_ln2) {
      V::widen(mc, sh_lo, sh_hi);
      const auto nmc = V::neg(mc);
      exp_pass([mc, nmc](typename V::R v) TRUENO_LAMBDA_INLINE { return chunk_exp<V, !kLog>(v, mc, nmc); });
    }
    A::store(shs + c * W, sh_lo);
    A::store(shs + c * W + AW, sh_hi);
    A::store(css + c * W, slo);
    A::store(css + c * W + AW, shi);
  }
  const T mx = V::reduce_max(mv);
  const auto md = A::set1(static_cast<double>(mx));
  auto s = A::zero();
  for (std::size_t c = 0; c < nc; ++c) {
    const auto lo = A::load(shs + c * W), hi = A::load(shs + c * W + AW);
    const auto elo = mth::exp<A>(A::sub(lo, md)), ehi = mth::exp<A>(A::sub(hi, md));
    s = A::fmadd(A::load(css + c * W), elo, s);
    s = A::fmadd(A::load(css + c * W + AW), ehi, s);
    if constexpr (!kLog) {  // the scale pass reuses e^(m_c - M) in place of the chunk's sums
      A::store(css + c * W, elo);
      A::store(css + c * W + AW, ehi);
    }
  }
  const double sum = A::reduce_add(s);
  if constexpr (kLog) {
    const auto mvx = V::set1(mx);
    const auto ls = V::set1(static_cast<T>(std::log(sum)));
    map1<V>(x, o, n, [mvx, ls](auto v) { return V::sub(V::sub(v, mvx), ls); });
  } else {
    const auto inv = A::set1(1.0 / sum);
    const auto tiny = A::set1(static_cast<double>(std::numeric_limits<T>::min()));
    for (std::size_t c = 0; c < nc; ++c) {
      const auto flo = A::mul(A::load(css + c * W), inv), fhi = A::mul(A::load(css + c * W + AW), inv);
      T* oc = o + c * C;
      const std::size_t m = n - c * C < C ? n - c * C : C;
      alignas(64) T ft[W];
      if (!A::any(A::mor(A::lt(flo, tiny), A::lt(fhi, tiny)))) {
        V::store_wide(ft, flo, fhi);
        const auto f = V::load(ft);
        map1<V>(oc, oc, m, [f](auto v) { return V::mul(v, f); });
      } else {
        // A factor below the normal range (a chunk ~87 below the row's max) is kept as f 2^64 and
        // applied in two products: rounded to a denormal, its own error would be scaled by the
        // chunk's values (up to 2 when the shift is km ln2).
        const auto sc = A::set1(0x1p64);
        V::store_wide(ft, A::mul(flo, sc), A::mul(fhi, sc));
        const auto f = V::load(ft);
        map1<V>(oc, oc, m, [f](auto v) { return V::mul(V::mul(v, f), V::set1(T(0x1p-64))); });
      }
    }
  }
  return true;
}

// out = e^(x - M) / S: the one write pass (the row is still in L1/L2 from the first). x - M is
// passed to exp as an exact sum d + dl (TwoSum): rounding d alone would cost |x - M| * 2^-24 of
// relative error (30 ULP at x - M = -40).
template <class V>
void softmax_row(const T_<V>* x, T_<V>* o, std::size_t n) {
  if constexpr (sizeof(T_<V>) == 4 && V::kFusedFma) {
    if (softmax_chunked<V, false>(x, o, n)) return;
  }
  T_<V> mx;
  double s;
  max_sum_exp<V>(x, n, mx, s);
  if constexpr (sizeof(T_<V>) == 4 && !V::kFusedFma) {  // no FMA: in double (x - M exact there)
    using A = A_<V>;
    const auto md = A::set1(mx), invd = A::set1(1.0 / s);
    map1_wide<V>(x, o, n, [md, invd](typename A::R v) { return A::mul(mth::exp<A>(A::sub(v, md)), invd); });
    return;
  }
  const auto m = V::set1(mx), nm = V::set1(-mx);
  const auto inv = V::set1(static_cast<T_<V>>(1.0 / s));
  map1<V>(x, o, n, [m, nm, inv](auto v) {
    const auto d = V::sub(v, m);
    const auto bb = V::sub(d, v);
    const auto dl = V::add(V::sub(v, V::sub(d, bb)), V::sub(nm, bb));  // NaN for x = -inf: 0 then
    return V::mul(mth::exp_lean<V>(d, V::select(V::isnan(dl), V::zero(), dl)), inv);
  });
}

// out = (x - M) - log S.
template <class V>
void log_softmax_row(const T_<V>* x, T_<V>* o, std::size_t n) {
  if constexpr (sizeof(T_<V>) == 4 && V::kFusedFma) {
    if (softmax_chunked<V, true>(x, o, n)) return;
  }
  T_<V> mx;
  double s;
  max_sum_exp<V>(x, n, mx, s);
  const auto m = V::set1(mx);
  const auto ls = V::set1(static_cast<T_<V>>(std::log(s)));
  map1<V>(x, o, n, [m, ls](auto v) { return V::sub(V::sub(v, m), ls); });
}

// Sums of d = x - c and d^2 in double, c = x[0] (a shift inside the data keeps
// sum d^2 - (sum d)^2 / n free of the cancellation of the textbook formula).
template <class V>
inline void shifted_moments(const T_<V>* x, std::size_t n, double c, double& s1, double& s2) {
  using A = A_<V>;
  constexpr std::size_t S = V::kWide;
  const auto cv = A::set1(c);
  // Float data: plain double sums (n 2^-53 << 2^-24). Double data: Kahan pairs (sum, comp).
  auto a1 = A::zero(), a2 = A::zero(), b1 = A::zero(), b2 = A::zero();
  auto c1 = A::zero(), c2 = A::zero(), d1 = A::zero(), d2 = A::zero();
  typename A::R lo, hi;
  for (std::size_t i = 0; i < n; i += S) {
    if (i + S <= n)
      V::load_wide(x + i, lo, hi);
    else
      V::load_wide_partial(x + i, n - i, lo, hi, static_cast<T_<V>>(c));
    lo = A::sub(lo, cv);
    hi = A::sub(hi, cv);
    if constexpr (sizeof(T_<V>) == 8) {
      kahan_add<A>(a1, c1, lo);
      kahan_add<A>(b1, d1, hi);
      kahan_add<A>(a2, c2, A::mul(lo, lo));
      kahan_add<A>(b2, d2, A::mul(hi, hi));
    } else {
      a1 = A::add(a1, lo);
      b1 = A::add(b1, hi);
      a2 = A::fmadd(lo, lo, a2);
      b2 = A::fmadd(hi, hi, b2);
    }
  }
  s1 = A::reduce_add(A::sub(A::add(a1, b1), A::add(c1, d1)));
  s2 = A::reduce_add(A::sub(A::add(a2, b2), A::add(c2, d2)));
}

// out = (x - shift) * scale * gamma + beta, in double, rounded once; gamma/beta may be null.
template <class V>
inline void affine_row(const T_<V>* x, const T_<V>* g, const T_<V>* b, double shift, double scale, T_<V>* o,
                       std::size_t n) {
  using A = A_<V>;
  constexpr std::size_t S = V::kWide;
  const auto sh = A::set1(shift), sc = A::set1(scale);
  typename A::R xl, xh, gl = A::set1(1), gh = A::set1(1), bl = A::zero(), bh = A::zero();
  for (std::size_t i = 0; i < n; i += S) {
    const std::size_t r = n - i;
    if (r >= S) {
      V::load_wide(x + i, xl, xh);
      if (g) V::load_wide(g + i, gl, gh);
      if (b) V::load_wide(b + i, bl, bh);
    } else {
      V::load_wide_partial(x + i, r, xl, xh, 0);
      if (g) V::load_wide_partial(g + i, r, gl, gh, 0);
      if (b) V::load_wide_partial(b + i, r, bl, bh, 0);
    }
    const auto yl = A::fmadd(A::mul(A::sub(xl, sh), sc), gl, bl);
    const auto yh = A::fmadd(A::mul(A::sub(xh, sh), sc), gh, bh);
    if (r >= S)
      V::store_wide(o + i, yl, yh);
    else
      V::store_wide_partial(o + i, r, yl, yh);
  }
}

template <class V>
void layer_norm_row(const T_<V>* x, const T_<V>* g, const T_<V>* b, double eps, T_<V>* o, std::size_t n) {
  double c = static_cast<double>(x[0]);
  double s1, s2;
  shifted_moments<V>(x, n, c, s1, s2);
  if constexpr (sizeof(T_<V>) == 8) {
    // Double data: d = x - c and d^2 round, and an x[0] far from the mean leaves s2 - s1^2 / n
    // to cancel (error ~ n eps relative to the variance); a second pass about the mean does not.
    c += s1 / static_cast<double>(n);
    shifted_moments<V>(x, n, c, s1, s2);
  }
  const double dn = static_cast<double>(n);
  const double mean_d = s1 / dn;  // mean - c
  const double v = (s2 - s1 * mean_d) / dn;
  const double var = v > 0 ? v : 0.0;
  affine_row<V>(x, g, b, c + mean_d, 1.0 / std::sqrt(var + eps), o, n);
}

template <class V>
void rms_norm_row(const T_<V>* x, const T_<V>* g, double eps, T_<V>* o, std::size_t n) {
  double s1, s2;
  shifted_moments<V>(x, n, 0.0, s1, s2);
  affine_row<V>(x, g, nullptr, 0.0, 1.0 / std::sqrt(s2 / static_cast<double>(n) + eps), o, n);
}

template <class V>
constexpr RowKernels<T_<V>> make_rows() {
  return {.softmax = &softmax_row<V>,
          .log_softmax = &log_softmax_row<V>,
          .layer_norm = &layer_norm_row<V>,
          .rms_norm = &rms_norm_row<V>};
}

}  // namespace rows
