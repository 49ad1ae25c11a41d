// math_sigmoid.inl: the sigmoid family (sigmoid, swish, gelu-tanh, softplus, mish), erf and
// gelu (erf form), and the drivers that evaluate a math kernel per ISA (apply, apply_d), on the
// exp/log pieces of math_core.inl. Included inside an ISA namespace and target region, after it.

namespace mth {

// ---- the sigmoid family ---------------------------------------------------------------------
// e^x as p 2^k (p in [0.7, 1.42]) so that x e^x and e^x / (1 + e^x) can be formed before the
// scaling: a denormal e^x would already have lost its precision.
// Clamped lower than exp's own limit: a multiplier up to ~e^12 may still lift e^x out of the
// underflow (x e^x at x = -110), and k stays inside ldexp's range. Callers multiplying by
// larger values select the zero themselves below kPkMin.
template <class W>
constexpr double kPkMin = kF32<W> ? -116.0 : -760.0;
template <class W, class L>
TRUENO_MATH_INLINE R_<W> exp_pk(R_<W> x, L xl, R_<W>& k) {
  R_<W> rh, rl, s, c;
  exp_reduce<W>(clamp<W>(x, kPkMin<W>, kExpMax<W>), xl, k, rh, rl);
  exp_parts<W>(rh, rl, s, c);
  return W::add(s, c);
}

// k = round(x c) for |x c| < 2^22 (float) / 2^51: with a fused FMA, (x c + 1.5 2^23) - 1.5 2^23,
// 2 operations where the product and vrndscaleps take 3 uops on Intel cores. The exact product
// is rounded once (ties to even), not fl(x c) again: k may differ by one where x c lies within
// half an ulp of a half-integer, which a Cody-Waite reduction absorbs (|r| <= ln2/2 + ulp).
// Without a fused FMA: round(fl(x c)).
template <class W>
TRUENO_MATH_INLINE R_<W> round_mul(R_<W> x, double c) {
  if constexpr (W::kFusedFma) {
    const auto magic = cst<W>(kF32<W> ? 0x1.8p23 : 0x1.8p52);
    return W::sub(W::fmadd(x, cst<W>(c), magic), magic);
  } else {
    return W::round_small(W::mul(x, cst<W>(c)));
  }
}

// A leaner e^x = p 2^k for float lanes where the bound leaves room (sigmoid, swish, tanh,
// gelu-tanh, softmax): 1 + r + r^2 q(r) without the hi/lo split, q of degree 4 (2^-26.5 relative):
// ~0.9 ULP instead of 0.55, 10 operations instead of 20. Double lanes get the accurate one.
// The float body of exp_pk_lean for x already clamped (to [kPkMin, kExpMax] or narrower).
// (expm1_pk_lean_f32: the same without the final 1 +, t = e^r - 1, so that e^x = (1 + t) 2^k.)
// kClampLow = false: the caller guarantees |xl| <= ulp(x) wherever the result is used.
template <class W, class L, bool kClampLow = true>
TRUENO_MATH_INLINE R_<W> expm1_pk_lean_f32(R_<W> x, R_<W>& k, L xl) {
  k = round_mul<W>(x, kInvLn2Hi<W>);
  auto r = fnmadd<W>(k, cst<W>(kLn2Lo<W>), fnmadd<W>(k, cst<W>(kLn2Hi<W>), x));
  // |xl| <= ulp(x) < 2^-10 in range; a clamped x may come with an unrelated large xl. The
  // operand order (V::max returns its second operand on NaN) turns a NaN xl into -2^-10: the
  // TwoSum low part of x - m at x = -inf, a lane whose result is 0 anyway.
  if constexpr (!kIsZero<L> && kClampLow)
    r = W::add(r, W::min(W::max(xl, cst<W>(-0x1p-10)), cst<W>(0x1p-10)));
  else if constexpr (!kIsZero<L>)
    r = W::add(r, xl);
  const auto q = horner<W>(r, 0.5f, 0.166665763f, 0.0416665561f, 0.00836319011f, 0.0013926198f);
  return W::fmadd(W::mul(r, r), q, r);
}
template <class W, class L, bool kClampLow = true>
TRUENO_MATH_INLINE R_<W> exp_pk_lean_f32(R_<W> x, R_<W>& k, L xl) {
  return W::add(cst<W>(1), expm1_pk_lean_f32<W, L, kClampLow>(x, k, xl));
}
template <class W, class L = Zero>
TRUENO_MATH_INLINE R_<W> exp_pk_lean(R_<W> x, R_<W>& k, L xl = {}) {
  if constexpr (!kF32<W>)
    return exp_pk<W>(x, xl, k);
  else
    return exp_pk_lean_f32<W>(clamp<W>(x, kPkMin<W>, kExpMax<W>), k, xl);
}
// e^(x + xl) from the lean p 2^k (float lanes; double lanes: exp_pk's accurate one). The clamp to
// [kExpMin, kExpMax] lies inside exp_pk_lean's, so the float body takes x as clamped here.
template <class W, class L = Zero>
TRUENO_MATH_INLINE R_<W> exp_lean(R_<W> x, L xl = {}) {
  R_<W> k;
  const auto xc = clamp<W>(x, kExpMin<W>, kExpMax<W>);
  R_<W> p;
  if constexpr (!kF32<W>)
    p = exp_pk<W>(xc, xl, k);
  else
    p = exp_pk_lean_f32<W>(xc, k, xl);
  return ldexp_or_zero<W>(p, k, W::lt(x, cst<W>(kExpMin<W>)));
}

// e^(x + xl) 2^-km for float lanes with a fused FMA, on the lanes where x >= thr (and NaN
// lanes, which stay NaN); +0 on the others (-inf included), whatever their xl. The caller knows
// that on the kept lanes |xl| <= ulp(x) and k - km lies in [-152, 2] (k = round(x / ln2), km an
// integer; Zero: km = 0). No upper clamp, no clamp of xl.
// AVX-512: one zero-masked vscalef does the scaling and the zeroing, and the lanes below thr are
// never used, so x needs no clamp either: their k, r and p may be huge, inf or NaN.
// Elsewhere: x is clamped to thr (no unused lane scales out of range), p is in [0.7, 1.42], so
// p 2^(k - km) = (p 2^(k - km + 64)) 2^-64: the first product is exact and normal, the second
// rounds once, denormals included. The same bits as W::ldexp in 6 operations instead of 9
// (AVX2), and no lane underflows before the select.
template <class W, class L = Zero, class K = Zero>
TRUENO_MATH_INLINE R_<W> exp_lean_from(R_<W> x, R_<W> thr, L xl = {}, K km = {}) {
  static_assert(kF32<W> && W::kFusedFma);
  R_<W> k;
  if constexpr (requires(M_<W> m, R_<W> v) { W::ldexp_maskz(m, v, v); }) {
    const auto p = exp_pk_lean_f32<W, L, false>(x, k, xl);
    if constexpr (!kIsZero<K>) k = W::sub(k, km);
    return W::ldexp_maskz(W::nlt(x, thr), p, k);
  } else {
    const auto p = exp_pk_lean_f32<W, L, false>(W::max(thr, x), k, xl);  // NaN x stays NaN (second operand)
    const auto e = [&] {
      if constexpr (kIsZero<K>)
        return W::add(k, cst<W>(64));
      else
        return W::sub(k, W::sub(km, cst<W>(64)));  // km - 64: loop-invariant for the callers
    }();
    const auto scaled = W::mul(ldexp_normal<W>(p, e), cst<W>(0x1p-64));
    return W::select(W::lt(x, thr), W::zero(), scaled);
  }
}

// e^(d + dl) where the caller knows d <= 0, d = -inf or NaN and |dl| <= ulp(d) wherever
// d >= kExpMin (softmax: d = x - m, dl its TwoSum error, m >= x): exp_lean_from with the threshold
// kExpMin (k in [-150, 0]), +0 rather than copysign(0, p). 4 operations fewer than exp_lean,
// the same values where exp_lean's contract holds.
template <class W, class L = Zero>
TRUENO_MATH_INLINE R_<W> exp_lean_nonpos(R_<W> d, L dl = {}) {
  return exp_lean_from<W>(d, cst<W>(kExpMin<W>), dl);
}

// exp for float lanes with a fused FMA: the lean p 2^k (one clamp, ~13 operations instead of
// ~22); within 1 ULP of the correctly rounded result (checked on all 2^32 inputs).
template <class W>
TRUENO_MATH_INLINE R_<W> exp_fast(R_<W> x) {
  if constexpr (!kF32<W> || !W::kFusedFma)
    return exp<W>(x);
  else
    return exp_lean<W>(x);
}

// m * sigmoid(zh + zl) (|zl| <= ulp(zh) or Zero, |m| <= max(1, |z|)): with e = e^-|z| = p 2^k,
// m / (1 + e) for z >= 0 and 2^k (m p / (1 + e)) for z < 0, one division; NaN in m or z: NaN.
template <class W, class L>
TRUENO_MATH_INLINE R_<W> mul_sigmoid(R_<W> m, R_<W> zh, L zl) {
  const auto neg = W::lt(zh, W::zero());
  R_<W> k;
  R_<W> p;
  // -|z| <= 0 needs only exp's lower clamp (float: the upper one is a wasted operation).
  const auto nz = W::neg(W::abs(zh));
  const auto lz = [&] {
    if constexpr (kIsZero<L>)
      return zl;
    else
      return W::select(neg, zl, W::neg(zl));
  }();
  if constexpr (kF32<W>) {
    p = exp_pk_lean_f32<W>(W::max(cst<W>(kPkMin<W>), nz), k, lz);  // (clamps lz as below)
  } else if constexpr (kIsZero<L>) {
    p = exp_pk<W>(nz, lz, k);
  } else {
    // |zl| <= ulp(zh) unless zh overflowed (gelu-tanh at |x| > 1e154): a NaN or inf low part
    // would reach the z >= 0 lanes' quotient. Operand order: max returns -2^-10 for a NaN.
    p = exp_pk<W>(nz, W::min(W::max(lz, cst<W>(-0x1p-10)), cst<W>(0x1p-10)), k);
  }
  // 1 + e: below 2^-64, e no longer changes the sum (float or double); the floor keeps the
  // scaling out of the underflow (see ldexp_or_zero).
  const auto den = W::add(cst<W>(1), ldexp_normal<W>(p, W::max(k, cst<W>(-64))));  // k <= 0
  const auto q = W::div(W::select(neg, W::mul(m, p), m), den);
  // Below kPkMin, |m| e^z underflows for every |m| <= max(1, |z|) (sigmoid, swish, gelu): +-0.
  const auto under = W::lt(zh, cst<W>(kPkMin<W> + 1));
  // The z >= 0 lanes take q itself (scaled by 2^0), and so do the under lanes before the select
  // below: no lane computes an unused 2^k q that would underflow (see ldexp_or_zero). AVX-512:
  // one merge-masked scaling of the z < 0 lanes (the same values; 2 operations fewer).
  R_<W> y;
  if constexpr (kOneOpLdexp<W>)
    y = W::ldexp_where(W::mand(neg, W::mnot(under)), q, k);
  else
    y = W::ldexp(q, W::select(W::mor(under, W::ge(zh, W::zero())), W::zero(), k));
  return W::select(under, W::copysign(W::zero(), m), y);
}

// P(z) with tanh(x) = x + x^3 P(x^2) on |x| < 0.55: f32 2^-26.5, f64 2^-55.4.
template <class W>
inline R_<W> tanh_p(R_<W> z) {
  if constexpr (kF32<W>) {
    return horner<W>(z, -0.333333343f, 0.133333251f, -0.0539647937f, 0.0218192972f, -0.00852953363f, 0.00253061717f);
  } else {
    return horner<W>(z, -0.33333333333333331, 0.13333333333333314, -0.053968253968221677, 0.021869488534140932,
                     -0.0088632354649167064, 0.003592126797231295, -0.0014558193590900673, 0.00058990691296241038,
                     -0.00023847912971002619, 9.4567094094830849e-05, -3.3742726847988742e-05, 7.8874443066960634e-06);
  }
}

// tanh (double lanes, and float without a fused FMA): odd polynomial below 0.55, else
// 1 - 2 / (e^2|x| + 1) (>= 0.5, so the subtraction loses nothing); the sign is copied from x
// (tanh(-0) = -0, tanh(+-inf) = +-1).
// e^2|x| has its argument capped at 20 (f32) / 40 (f64), past which 1 - 2 / (e + 1) rounds to 1
// anyway: the cap keeps 2 / (e + 1) out of the denormals (an FP assist per register, |x| near
// 44 / 355) and, the argument being >= 0, exp needs neither its lower clamp nor zero lanes.
template <class W>
TRUENO_MATH_INLINE R_<W> tanh(R_<W> x) {
  const auto a = W::abs(x);
  if constexpr (kF32<W> && W::kFusedFma) {
    // Float lanes with a fused FMA: one formula for every a, tanh(a) = m / (m + 2) with
    // m = e^2a - 1 = 2^k t + (2^k - 1), t = e^r - 1 from the lean exp (k = 0 below 2a = ln2/2:
    // m = t, no cancellation; k >= 1: m >= 0.41). 21 operations per register where a polynomial,
    // an exp and a select take 32; 2 ULP on all 2^32 inputs (that form: 1), within the bound.
    R_<W> k;
    const auto t = expm1_pk_lean_f32<W>(W::min(cst<W>(20), W::add(a, a)), k, Zero{});
    const auto pk = pow2_normal<W>(k);  // k in [0, 29]
    const auto m = W::fmadd(pk, t, W::sub(pk, cst<W>(1)));
    return W::copysign(W::div(m, W::add(m, cst<W>(2))), x);
  }
  const auto z = W::mul(a, a);
  const auto small = W::fmadd(W::mul(a, z), tanh_p<W>(z), a);
  const auto t = W::min(cst<W>(kF32<W> ? 20.0 : 40.0), W::add(a, a));  // NaN stays NaN
  R_<W> k;
  R_<W> p;
  if constexpr (kF32<W>)
    p = exp_pk_lean_f32<W>(t, k, Zero{});
  else
    p = exp_pk<W>(t, Zero{}, k);
  const auto e = ldexp_normal<W>(p, k);  // k in [0, 29] (f32) / [0, 58]
  const auto large = W::sub(cst<W>(1), W::div(cst<W>(2), W::add(e, cst<W>(1))));
  return W::copysign(W::select(W::lt(a, cst<W>(0.55)), small, large), x);
}

// ---- erf ---------------------------------------------------------------------------------
// |u| < 0.75: erf(u) = u (c0 + s Q(s)), s = u^2, with c0 = 2/sqrt(pi) as hi + lo.
template <class W>
TRUENO_MATH_INLINE R_<W> erf_small(R_<W> u) {
  const auto s = W::mul(u, u);
  R_<W> q, c0h, c0l;
  if constexpr (kF32<W>) {
    q = horner<W>(s, -0.376126379f, 0.112837791f, -0.0268647876f, 0.00521684391f, -0.000835778425f, 9.4755349e-05f);
    c0h = cst<W>(1.12837923f), c0l = cst<W>(-5.86353828e-08f);
  } else {
    q = horner<W>(s, -0.37612638903183754, 0.11283791670955087, -0.026866170645118446, 0.005223977625222192,
                  -0.00085483270011359463, 0.00012055331545294116, -1.4925589383821143e-05, 1.6460383209858149e-06,
                  -1.63332293434337e-07, 1.4413879289095029e-08, -9.502840894774706e-10);
    c0h = cst<W>(1.1283791670955126), c0l = cst<W>(1.5335459613165881e-17);
  }
  return W::fmadd(u, c0h, W::mul(u, W::fmadd(s, q, c0l)));
}

// z >= 0.75 (z = zh + zl): erfc(z) = m e^-z^2 g(t) / (z + K), t = (z - K) / (z + K), returned as
// the unscaled r and k with erfc(z) m = r 2^k (m a multiplier applied before the scaling so a
// denormal result is rounded once). z^2 is formed exactly (the exponent amplifies its error).
template <class W>
TRUENO_MATH_INLINE R_<W> erfc_pk(R_<W> zh, R_<W> zl, R_<W> m, R_<W>& k) {
  const auto z2h = W::mul(zh, zh);
  const auto z2l = W::fmadd(W::add(zh, zh), zl, fma_err<W>(zh, zh, z2h));
  const auto p = exp_pk<W>(W::neg(z2h), W::neg(z2l), k);
  const auto kk = cst<W>(2.5);
  const auto d = W::add(zh, kk);
  const auto t = W::div(W::sub(zh, kk), d);
  R_<W> g;
  if constexpr (kF32<W>) {
    g = W::add(cst<W>(1.05403185f),
               W::fmadd(t,
                        horner<W>(t, -0.804651856f, 0.453914106f, -0.171251148f, 0.0283615552f, 0.00839301944f,
                                  -0.00481886091f, -0.000438907533f, 0.000703122292f, 5.65094633e-05f, -0.000113516246f,
                                  -1.42057315e-05f, 1.79824856e-05f),
                        cst<W>(-2.86011197e-08f)));
  } else {
    g = W::add(
        cst<W>(1.054031820305718),
        W::fmadd(
            t,
            horner<W>(t, -0.80465184943914891, 0.45391411664809739, -0.17125114524604784, 0.028361550131920758,
                      0.0083930443025222751, -0.0048187855216096651, -0.0004392082672921852, 0.00070269370558646263,
                      5.8307788123658121e-05, -0.00011260470807999712, -1.9531949092581422e-05, 1.8243827797090499e-05,
                      6.752673812584734e-06, -2.3307130107700927e-06, -1.9572522757978259e-06, -8.8910367526648361e-09,
                      4.3672149825395132e-07, 1.4114814528130691e-07, -5.4111039069420871e-08, -5.3945985896438252e-08,
                      -1.0485117649708107e-08, 1.0569481515217876e-08, 1.0777787374590235e-08, -1.7139007925379376e-09,
                      -4.2178405903028043e-09, 1.4087503475172304e-09),
            cst<W>(-5.5894146227510118e-17)));
  }
  return W::div(W::mul(W::mul(m, p), g), d);
}

template <class W>
TRUENO_MATH_INLINE R_<W> erf(R_<W> x) {
  const auto a = W::abs(x);
  R_<W> k;
  const auto r = erfc_pk<W>(clamp<W>(a, 0.75, 40.0), W::zero(), cst<W>(1), k);
  const auto c = W::ldexp(r, W::max(k, cst<W>(-64)));  // 1 - c = 1 below 2^-64 (no underflow)
  // Odd: evaluated at |x|, the sign copied (erf(-0) = -0); NaN takes the large branch (NaN).
  return W::copysign(W::select(W::lt(a, cst<W>(0.75)), erf_small<W>(a), W::sub(cst<W>(1), c)), x);
}

// Float lanes with a fused FMA: Phi(-a) = H(a) e^(-a^2/2), a = |x|, H = erfcx(a / sqrt 2) / 2 a
// piecewise polynomial (degree 6, 16 pieces; math_tables.inl) and e^(-a^2/2) = 2^k e^(-s/2) from
// the exact a^2 = a2 + a2l (s = a^2 + 2 k ln2 in [-ln2, ln2]): no division, no erf/erfc split.
// x <= 0: x Phi(-a) scaled once (denormals rounded once); x > 0: x - x Phi(-a), one rounding.
template <class W>
TRUENO_MATH_INLINE R_<W> gelu_erf_f32(R_<W> x_in) {
  const auto xm = clamp<W>(x_in, -15.0, 0x1p64);                        // past -15 the result underflows to -0
  const auto a = W::min(cst<W>(14.99), W::abs(xm));                     // min(c, NaN) = NaN
  const auto idx = W::template shr<21>(W::bits(W::add(a, cst<W>(1))));  // piece of a + 1 in [1, 16)
  const auto u = W::sub(a, W::lookup16(kGeluHCtr, idx));
  auto h = W::fmadd(W::lookup16(kGeluHC6, idx), u, W::lookup16(kGeluHC5, idx));
  h = W::fmadd(h, u, W::lookup16(kGeluHC4, idx));
  h = W::fmadd(h, u, W::lookup16(kGeluHC3, idx));
  h = W::fmadd(h, u, W::lookup16(kGeluHC2, idx));
  h = W::fmadd(h, u, W::lookup16(kGeluHC1, idx));
  h = W::fmadd(h, u, W::lookup16(kGeluHC0, idx));
  const auto a2 = W::mul(a, a);
  const auto a2l = fma_err<W>(a, a, a2);
  const auto k = W::round_small(W::mul(a2, cst<W>(-0.72134752044448170)));  // -a^2 / (2 ln2), <= 0
  // s = a^2 + 2 k ln2: k * 2 kLn2Hi is exact and so is its sum with a2 (|s| <= ln2).
  const auto s = W::add(W::fmadd(k, cst<W>(2 * kLn2Hi<W>), a2), W::fmadd(k, cst<W>(2 * kLn2Lo<W>), a2l));
  // e^(-s/2) on |s| <= 0.71: 2^-26.3 (relative).
  const auto e = W::fmadd(
      s, horner<W>(s, -0.5f, 0.125f, -0.0208331104f, 0.00260415277f, -0.000261591078f, 2.1774762e-05f), cst<W>(1));
  const auto f0 = W::mul(h, e);  // Phi(-a) = f0 2^k
  // |x f0| < 2^3: below k = -153 the x <= 0 result is -0; the x > 0 lanes skip that scaling, and
  // theirs stops at 2^-64 (x - x f0 2^k = x below it): no lane underflows (ldexp_or_zero).
  const auto yn = ldexp_or_zero<W>(W::mul(xm, f0), k, W::mor(W::lt(k, cst<W>(-152.5)), W::gt(x_in, W::zero())));
  const auto yp = W::fnmadd(xm, W::ldexp(f0, W::max(k, cst<W>(-64))), x_in);  // x_in: +inf stays inf
  return W::select(W::le(x_in, W::zero()), yn, yp);                           // -0 takes yn: -0
}

// x Phi(x) = x erfc(-x / sqrt 2) / 2, with z = -x / sqrt 2 as zh + zl.
template <class W>
TRUENO_MATH_INLINE R_<W> gelu_erf(R_<W> x_in) {
  if constexpr (kF32<W> && W::kFusedFma) return gelu_erf_f32<W>(x_in);
  // Past |x| = 64 the result is x or -0 (selected at the end); the clamp keeps the hi/lo
  // products of huge x finite.
  const auto x = clamp<W>(x_in, -64.0, 64.0);
  const auto ch = cst<W>(kF32<W> ? 0.707106769 : 0.70710678118654757);
  const auto cl = cst<W>(kF32<W> ? 1.21016175e-08 : -4.8336466567264567e-17);
  const auto zh = W::mul(W::neg(x), ch);
  const auto zl = W::fnmadd(x, cl, fma_err<W>(W::neg(x), ch, zh));
  const auto az = W::abs(zh);
  R_<W> k;
  const auto half_x = W::mul(cst<W>(0.5), x);
  const auto r = erfc_pk<W>(clamp<W>(az, 0.75, 40.0), W::select(W::lt(zh, W::zero()), W::neg(zl), zl), half_x, k);
  // z >= 0.75: x erfc(z)/2 (rounded once by ldexp); z <= -0.75: x - x erfc(|z|)/2.
  const auto tail = W::ldexp(r, k);
  const auto big = W::select(W::gt(zh, W::zero()), tail, W::sub(x, tail));
  const auto mid = W::mul(x, W::fmadd(cst<W>(0.5), erf_small<W>(W::neg(zh)), cst<W>(0.5)));  // x Phi(x)
  auto y = W::select(W::lt(az, cst<W>(0.75)), mid, big);
  y = W::select(W::gt(x_in, cst<W>(64)), x_in, y);
  // Past z = 10.2 / 27.3 the true value underflows (and z^2 passes exp_pk's clamp): -0.
  return W::select(W::gt(zh, cst<W>(kF32<W> ? 10.2 : 27.3)), W::copysign(W::zero(), x_in), y);
}

// ---- drivers ------------------------------------------------------------------------------
// Applies f (a template lambda over a wrapper) to x. Float lanes on an ISA without fused FMA
// (scalar, SSE2) are evaluated in double through the same ISA's double wrapper and rounded
// once: the float algorithms' error budgets assume a fused multiply-add.
template <class V, class F>
inline void apply(const typename V::T* x, typename V::T* o, std::size_t n, F f) {
  // always_inline (here and on the kernels' lambdas): the per-register computation stays in the loop.
  if constexpr (sizeof(typename V::T) == 4 && !V::kFusedFma) {
    using A = typename V::Acc;
    map1_wide<V>(x, o, n, [&](typename A::R v) TRUENO_LAMBDA_INLINE { return f.template operator()<A>(v); });
  } else {
    map1_compact<V>(x, o, n, [&](typename V::R v) TRUENO_LAMBDA_INLINE { return f.template operator()<V>(v); });
  }
}

// As apply, but float lanes always go through double: for the functions written for double
// only (math_trig.inl), whose float results are then correctly rounded but for 2^-29 ULP.
template <class V, class F>
inline void apply_d(const typename V::T* x, typename V::T* o, std::size_t n, F f) {
  using A = typename V::Acc;
  if constexpr (sizeof(typename V::T) == 4) {
    map1_wide<V>(x, o, n, [&](typename A::R v) { return f.template operator()<A>(v); });
  } else {
    map1<V>(x, o, n, [&](typename V::R v) { return f.template operator()<V>(v); });
  }
}

}  // namespace mth
