// math_core.inl: the exp and log families, written once on a SIMD wrapper W (float or double
// lanes); math_sigmoid.inl builds on them and holds the drivers that pick the evaluation
// precision per ISA. Coefficients come from tools/fit_poly.py. Included inside an ISA namespace
// and target region, after map.inl.
//
// Error-budget pattern used throughout: the reduced argument and the leading terms are kept as
// an unevaluated sum hi + lo (Cody-Waite constants with trailing zeros so k * hi is exact,
// Fast2Sum for the leading addition), so the last addition is the only full-size rounding and
// every other error is scaled down by |correction / result| < 1/8.

namespace mth {

template <class W>
using R_ = typename W::R;
template <class W>
using T_ = typename W::T;
template <class W>
using M_ = typename W::M;
template <class W>
constexpr bool kF32 = sizeof(T_<W>) == 4;

#include "cpu/kernels/math_tables.inl"

// c0 + x (c1 + x (c2 + ...)), Horner with fmadd, fully inlined at compile time.
template <class W, class C>
inline R_<W> horner(R_<W> x, C c0) {
  (void)x;
  return W::set1(T_<W>(c0));
}
// (c1 named: with c0 alone the two overloads are ambiguous to clang 14, which predates CWG 1395.)
template <class W, class C, class C1, class... Cs>
inline R_<W> horner(R_<W> x, C c0, C1 c1, Cs... cs) {
  return W::fmadd(horner<W>(x, c1, cs...), x, W::set1(T_<W>(c0)));
}

template <class W>
inline R_<W> cst(double v) {
  return W::set1(T_<W>(v));
}

// a*b + c where that is (nearly) exact: the product errors (c = -fl(a*b)) and residuals
// (a*b ~ -c) of the hi/lo arithmetic. Fused where the ISA has it; else Dekker's product
// (Veltkamp splits, exact for |a|, |b| < 2^995 / 2^100) plus one rounding: the same value, at a
// few operations instead of a call to std::fma per lane.
template <class W>
inline R_<W> fma_x(R_<W> a, R_<W> b, R_<W> c) {
  if constexpr (W::kFusedFma) {
    return W::fma_exact(a, b, c);
  } else {
    const auto split = [](R_<W> v, R_<W>& hi, R_<W>& lo) {
      const auto t = W::mul(v, W::set1(T_<W>(kF32<W> ? 4097.0 : 134217729.0)));
      hi = W::sub(t, W::sub(t, v));
      lo = W::sub(v, hi);
    };
    R_<W> ah, al, bh, bl;
    split(a, ah, al);
    split(b, bh, bl);
    const auto p = W::mul(a, b);
    const auto e = W::add(W::add(W::add(W::sub(W::mul(ah, bh), p), W::mul(ah, bl)), W::mul(al, bh)), W::mul(al, bl));
    return W::add(W::add(p, c), e);
  }
}
// a*b - p exactly, for p = fl(a*b) (the product's rounding error): fma_x(a, b, -p) without the
// negation.
template <class W>
inline R_<W> fma_err(R_<W> a, R_<W> b, R_<W> p) {
  if constexpr (W::kFusedFma)
    return W::fmsub(a, b, p);
  else
    return fma_x<W>(a, b, W::neg(p));
}
template <class W>
inline R_<W> inf() {
  return W::set1(std::numeric_limits<T_<W>>::infinity());
}
template <class W>
inline R_<W> qnan() {
  return W::set1(std::numeric_limits<T_<W>>::quiet_NaN());
}
// -a*b + c.
template <class W>
inline R_<W> fnmadd(R_<W> a, R_<W> b, R_<W> c) {
  return W::fnmadd(a, b, c);
}
// min(hi, max(lo, x)) keeps a NaN x (V::max/min return their second operand on NaN).
template <class W>
inline R_<W> clamp(R_<W> x, double lo, double hi) {
  return W::min(cst<W>(hi), W::max(cst<W>(lo), x));
}

// ln2 = kLn2Hi + kLn2Lo; kLn2Hi has 16 (f32) / 42 (f64) significant bits so k * kLn2Hi is exact
// for |k| < 2^8 / 2^11.
template <class W>
constexpr double kLn2Hi = kF32<W> ? 0.693145752 : 0.69314718055989033;
template <class W>
constexpr double kLn2Lo = kF32<W> ? 1.42860677e-06 : 5.4979230187083712e-14;
template <class W>
constexpr double kInvLn2Hi = kF32<W> ? 1.44269502 : 1.4426950408889634;
template <class W>
constexpr double kInvLn2Lo = kF32<W> ? 1.92596303e-08 : 2.0355273740931033e-17;

// q(r) = (e^r - 1 - r) / r^2 on |r| <= ln2/2: f32 2^-27.7, f64 2^-58.5 (absolute).
template <class W>
inline R_<W> exp_q(R_<W> r) {
  if constexpr (kF32<W>) {
    return horner<W>(r, 0.5f, 0.166666672f, 0.041666463f, 0.00833331048f, 0.00139336672f, 0.0001989101f);
  } else {
    return horner<W>(r, 0.5, 0.16666666666666671, 0.041666666666666685, 0.0083333333333261237, 0.0013888888888874374,
                     0.00019841269874860135, 2.4801587347396639e-05, 2.7557255350347806e-06, 2.7557252857166024e-07,
                     2.5105237672914623e-08, 2.092160808123066e-09);
  }
}

// e^(rh + rl) - 1 as the pieces (s, c): e^(rh+rl) = s + c with s = 1 + rh rounded and c the
// small rest; |rh| <= ln2/2 + tiny, |rl| << |rh|.
template <class W>
inline void exp_parts(R_<W> rh, R_<W> rl, R_<W>& s, R_<W>& c) {
  const auto one = cst<W>(1);
  const auto r = W::add(rh, rl);
  const auto t = W::mul(W::mul(r, r), exp_q<W>(r));
  s = W::add(one, rh);
  const auto e = W::add(W::sub(one, s), rh);  // Fast2Sum: exact error of 1 + rh
  c = W::add(e, W::add(rl, t));
}

// The low part of an argument known to be zero: the xl terms are left out at compile time.
struct Zero {};
template <class L>
constexpr bool kIsZero = false;
template <>
constexpr bool kIsZero<Zero> = true;

// Cody-Waite reduction of x + xl: x + xl = k ln2 + rh + rl (xl: a register or Zero).
template <class W, class L>
inline void exp_reduce(R_<W> x, L xl, R_<W>& k, R_<W>& rh, R_<W>& rl) {
  k = W::round_small(W::mul(x, cst<W>(kInvLn2Hi<W>)));
  rh = fnmadd<W>(k, cst<W>(kLn2Hi<W>), x);  // exact
  if constexpr (kIsZero<L>) {
    rl = W::mul(W::neg(k), cst<W>(kLn2Lo<W>));
  } else {  // in range |xl| <= ulp(x) < 2^-10; a clamped x may come with an unrelated large xl
    rl = fnmadd<W>(k, cst<W>(kLn2Lo<W>), clamp<W>(xl, -0x1p-10, 0x1p-10));
  }
}

// Inputs past these give inf / 0 anyway; clamping keeps k inside ldexp's range.
template <class W>
constexpr double kExpMax = kF32<W> ? 90.0 : 711.5;  // past e^x/2's overflow too
template <class W>
constexpr double kExpMin = kF32<W> ? -104.0 : -746.0;

// p 2^k, with the lanes of `zero` (where the caller knows the result is +-0) scaled by 2^0 and
// then zeroed. A result that underflows to a denormal or to zero costs a microcode assist on
// Intel cores (~150 cycles per register, FTZ being off for correct denormals): scaling every
// lane makes exp(-200), sigmoid(+-100) and every softmax row's padded and masked lanes 10-50x
// slower. Only true denormal results (e^x for x in [-104, -87.3] in float) still take it.
template <class W>
TRUENO_MATH_INLINE R_<W> ldexp_or_zero(R_<W> p, R_<W> k, M_<W> zero) {
  return W::select(zero, W::copysign(W::zero(), p), W::ldexp(p, W::select(zero, W::zero(), k)));
}

// x 2^k and 2^k for an integral k whose power of two is normal (float: -126..127, double:
// -1022..1023) and a normal result: one power of two (and a product) where W::ldexp splits k in
// two to cover every exponent (AVX2, NEON, SSE2, scalar: 3-4 operations instead of ~11). The
// AVX-512 wrappers, whose ldexp is one vscalef (they are the ones with ldexp_where), keep it.
// The same values as W::ldexp in that range.
template <class W>
constexpr bool kOneOpLdexp = requires(M_<W> m, R_<W> v) {
  W::ldexp_where(m, v, v);
};
template <class W>
TRUENO_MATH_INLINE R_<W> ldexp_normal(R_<W> x, R_<W> k) {
  if constexpr (kOneOpLdexp<W>)
    return W::ldexp(x, k);
  else
    return W::mul(x, W::pow2i(k));
}
template <class W>
TRUENO_MATH_INLINE R_<W> pow2_normal(R_<W> k) {
  if constexpr (kOneOpLdexp<W>)
    return W::ldexp(cst<W>(1), k);
  else
    return W::pow2i(k);
}

// e^(x + xl), |xl| <= ulp(x): the extra low part lets composites (gelu) pass a product exactly.
template <class W, class L>
TRUENO_MATH_INLINE R_<W> exp_xl(R_<W> x, L xl) {
  R_<W> k, rh, rl, s, c;
  exp_reduce<W>(clamp<W>(x, kExpMin<W>, kExpMax<W>), xl, k, rh, rl);
  exp_parts<W>(rh, rl, s, c);
  return ldexp_or_zero<W>(W::add(s, c), k, W::lt(x, cst<W>(kExpMin<W>)));
}
template <class W>
TRUENO_MATH_INLINE R_<W> exp(R_<W> x) {
  return exp_xl<W>(x, Zero{});
}

template <class W>
TRUENO_MATH_INLINE R_<W> exp2(R_<W> x) {
  x = clamp<W>(x, kF32<W> ? -151.0 : -1076.0, kF32<W> ? 129.0 : 1025.0);
  const auto k = W::round_small(x);
  const auto r = W::sub(x, k);  // exact, |r| <= 1/2
  const auto ln2 = cst<W>(0.69314718055994531), ln2lo = cst<W>(kF32<W> ? -1.90465421e-09 : 2.3190468138462996e-17);
  const auto rh = W::mul(r, ln2);
  const auto rl = W::fmadd(r, ln2lo, fma_err<W>(r, ln2, rh));  // exact product error
  R_<W> s, c;
  exp_parts<W>(rh, rl, s, c);
  return W::ldexp(W::add(s, c), k);
}

// e^x - 1. k >= 0: 2^k (e^r - 2^-k) with the subtraction kept exact (Fast2Sum); k < 0:
// 2^k e^r - 1 (|result| >= 0.29, no cancellation). |x| below 2^-25 / 2^-54 returns x (the
// correctly rounded result; keeps -0 and denormals exact).
template <class W>
TRUENO_MATH_INLINE R_<W> expm1(R_<W> x) {
  R_<W> k, rh, rl, s, c;
  exp_reduce<W>(clamp<W>(x, kExpMin<W>, kExpMax<W>), Zero{}, k, rh, rl);
  exp_parts<W>(rh, rl, s, c);
  const auto one = cst<W>(1);
  // The exponents are kept where no lane (used or not) underflows (see ldexp_or_zero): k >= 0
  // for the k >= 0 branch, 2^-k no lower than 2^-100 (s + c - 2^-k rounds the same), and
  // 2^k e^r - 1 = -1 below k = -100.
  const auto kp = W::max(k, W::zero());
  const auto p2 = pow2_normal<W>(W::neg(W::min(kp, cst<W>(100))));  // 2^-k (k >= 0 here: 2^-k <= 1 <= ~s)
  const auto a = W::sub(s, p2);
  const auto err = W::sub(W::sub(s, a), p2);  // exact since |s| >= 2^-k
  const auto pos = W::ldexp(W::add(a, W::add(err, c)), kp);
  const auto neg = W::sub(W::ldexp(W::add(s, c), W::max(k, cst<W>(-100))), one);
  const auto y = W::select(W::lt(k, W::zero()), neg, pos);
  return W::select(W::lt(W::abs(x), cst<W>(kF32<W> ? 0x1p-25 : 0x1p-54)), x, y);
}

// ---- logarithms -----------------------------------------------------------------------------
// x = 2^e (1 + f), 1 + f in [sqrt(1/2), sqrt(2)), and log(1 + f) = f - w with
// w = hfsq - s (hfsq + R(s^2)), hfsq = f^2/2, s = f / (2 + f): the division only enters the
// small term w, so its rounding does not reach the result. Valid for finite x > 0; the callers
// patch 0, negatives, inf and NaN.
template <class W>
struct LogParts {
  R_<W> e, f, w;
};

// R(z)/z with log(1+f) = 2s + s R(s^2): f32 2^-25.4, f64 2^-51.5 (on z <= 0.0295).
template <class W>
inline R_<W> log_r(R_<W> z) {
  if constexpr (kF32<W>) {
    return W::mul(z, horner<W>(z, 0.666666687f, 0.400001228f, 0.285507381f, 0.233323827f));
  } else {
    return W::mul(z, horner<W>(z, 0.66666666666666696, 0.39999999999898445, 0.28571428626399292, 0.22222211072833289,
                               0.18182893219215238, 0.15331596945985673, 0.14617872832522316));
  }
}

template <class W>
TRUENO_MATH_INLINE LogParts<W> log_parts(R_<W> x) {
  R_<W> e, m;                                   // x = 2^e m, m in [1, 2)
  if constexpr (requires { W::get_exp(x); }) {  // AVX-512: one instruction each (same values)
    e = W::get_exp(x);
    m = W::get_mant(x);
  } else {
    using I = typename W::I;
    constexpr int M = W::kMantBits;
    const auto sub = W::lt(x, cst<W>(kF32<W> ? 0x1p-126 : 0x1p-1022));
    const auto xs = W::select(sub, W::mul(x, cst<W>(kF32<W> ? 0x1p23 : 0x1p52)), x);  // denormals
    const I i = W::bits(xs);
    e = W::sub(W::to_float(W::template shr<M>(i)), cst<W>(kF32<W> ? 127.0 : 1023.0));
    e = W::select(sub, W::sub(e, cst<W>(M)), e);
    const I mant = W::iset1(kF32<W> ? 0x007fffff : 0x000fffffffffffffLL);
    m = W::from_bits(W::ior(W::iand(i, mant), W::bits(cst<W>(1))));
  }
  const auto big = W::gt(m, cst<W>(1.4142135623730951));
  m = W::select(big, W::mul(m, cst<W>(0.5)), m);
  e = W::select(big, W::add(e, cst<W>(1)), e);
  const auto f = W::sub(m, cst<W>(1));  // exact
  const auto hfsq = W::mul(cst<W>(0.5), W::mul(f, f));
  const auto s = W::div(f, W::add(cst<W>(2), f));
  const auto w = fnmadd<W>(s, W::add(hfsq, log_r<W>(W::mul(s, s))), hfsq);
  return {e, f, w};
}

// IEEE specials of every logarithm: log(+-0) = -inf, log(x < 0) = NaN, log(inf) = inf, NaN.
template <class W>
TRUENO_MATH_INLINE R_<W> log_specials(R_<W> x, R_<W> y) {
  if constexpr (requires { W::log_specials(y, x); }) {
    return W::log_specials(y, x);  // AVX-512: one fixup
  } else {
    y = W::select(W::eq(x, inf<W>()), x, y);
    y = W::select(W::eq(x, W::zero()), W::neg(inf<W>()), y);
    return W::select(W::mor(W::lt(x, W::zero()), W::isnan(x)), qnan<W>(), y);
  }
}

// ln(x) = e ln2 + f - w: e * kLn2Hi + f by Fast2Sum (|e ln2| >= |f| whenever e != 0).
template <class W>
TRUENO_MATH_INLINE R_<W> ln_finite(const LogParts<W>& p, R_<W> corr) {
  const auto eh = W::mul(p.e, cst<W>(kLn2Hi<W>));
  const auto hi = W::add(eh, p.f);
  const auto lo = W::add(W::sub(eh, hi), p.f);
  const auto tail = W::sub(W::fmadd(p.e, cst<W>(kLn2Lo<W>), W::add(lo, corr)), p.w);
  return W::add(hi, tail);
}
template <class W>
TRUENO_MATH_INLINE R_<W> ln(R_<W> x) {
  return log_specials<W>(x, ln_finite<W>(log_parts<W>(x), W::zero()));
}

// log_b(x) = e log_b(2) + (f - w) / ln(b), with f - w as hi + lo and the product by 1/ln(b)
// kept exact to first order (fma_x), then one Fast2Sum with the exponent term.
template <class W>
TRUENO_MATH_INLINE R_<W> log_base(R_<W> x, double eh_c, double el_c, double inv_hi, double inv_lo) {
  const auto p = log_parts<W>(x);
  const auto lh = W::sub(p.f, p.w);
  const auto ll = W::sub(W::sub(p.f, lh), p.w);  // Fast2Sum, |f| >= |w|
  const auto ih = cst<W>(inv_hi);
  const auto ph = W::mul(lh, ih);
  const auto pl = W::fmadd(lh, cst<W>(inv_lo), W::fmadd(ll, ih, fma_err<W>(lh, ih, ph)));
  const auto eh = W::mul(p.e, cst<W>(eh_c));
  const auto hi = W::add(eh, ph);
  const auto lo = W::add(W::sub(eh, hi), ph);
  return log_specials<W>(x, W::add(hi, W::fmadd(p.e, cst<W>(el_c), W::add(lo, pl))));
}
template <class W>
TRUENO_MATH_INLINE R_<W> log2(R_<W> x) {
  return log_base<W>(x, 1.0, 0.0, kInvLn2Hi<W>, kInvLn2Lo<W>);
}
template <class W>
TRUENO_MATH_INLINE R_<W> log10(R_<W> x) {
  if constexpr (kF32<W>)
    return log_base<W>(x, 0.301025391, 4.60503907e-06, 0.434294492, -1.010305e-08);
  else
    return log_base<W>(x, 0.30102999566395283, 2.8363394551044964e-14, 0.43429448190325182, 1.0983196502167651e-17);
}

// log(1 + x): u = 1 + x rounded, d = (1 + x) - u exact (Fast2Sum, ordered by magnitude), then
// log(u) + d / u. Tiny |x| returns x (correctly rounded, keeps -0).
template <class W>
TRUENO_MATH_INLINE R_<W> log1p(R_<W> x) {
  const auto one = cst<W>(1);
  const auto u = W::add(one, x);
  const auto small = W::lt(W::abs(x), one);
  const auto d = W::select(small, W::add(W::sub(one, u), x), W::add(W::sub(x, u), one));
  auto y = ln_finite<W>(log_parts<W>(u), W::div(d, u));
  y = log_specials<W>(u, y);
  y = W::select(W::eq(x, inf<W>()), x, y);
  return W::select(W::lt(W::abs(x), cst<W>(kF32<W> ? 0x1p-25 : 0x1p-54)), x, y);
}

}  // namespace mth
