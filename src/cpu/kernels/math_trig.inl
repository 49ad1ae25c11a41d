// math_trig.inl: trigonometric, inverse trigonometric, hyperbolic and cube-root algorithms.
// Written for double lanes only: float inputs are evaluated in double and rounded once (see
// apply_d in math.inl), which makes them correct to 0.5 ULP + 2^-29 at a cost these functions
// can afford. Coefficients from tools/fit_poly.py. Included after math_core.inl.

namespace mth {

// ---- argument reduction for sin / cos / tan ------------------------------------------------
// x = k pi/2 + rh + rl. |x| < 2^17 pi/2 (k < 2^17): Cody-Waite with pi/2 = C1 + C2 + C3 + C4,
// 36-bit parts (every k * Ci exact) and exact TwoSums: rh + rl carries > 120 bits of the
// remainder, enough for the closest double to a multiple of pi/2 (|r| ~ 2^-61). Larger |x|:
// Payne-Hanek per lane (payne_hanek below), rare in practice.
constexpr double kTrigCwMax = 205887.0;  // 2^17 pi/2, rounded down

template <class W>
inline void two_sum(R_<W> a, R_<W> b, R_<W>& s, R_<W>& e) {
  s = W::add(a, b);
  const auto bb = W::sub(s, a);
  e = W::add(W::sub(a, W::sub(s, bb)), W::sub(b, bb));
}

// Scalar Payne-Hanek: x * 2/pi mod 4 from a 192-bit window of 2/pi (128-bit integer products),
// for finite |x| >= 2^17. Returns k mod 4 and the remainder as rh + rl (|r| <= pi/4).
inline void payne_hanek(double x, double& kq, double& rh, double& rl) {
  static constexpr std::uint64_t kTwoOverPi[] = {
      // 64 zero bits, then 2/pi = sum bit_i 2^-i
      0x0000000000000000ULL, 0xa2f9836e4e441529ULL, 0xfc2757d1f534ddc0ULL, 0xdb6295993c439041ULL, 0xfe5163abdebbc561ULL,
      0xb7246e3a424dd2e0ULL, 0x06492eea09d1921cULL, 0xfe1deb1cb129a73eULL, 0xe88235f52ebb4484ULL, 0xe99c7026b45f7e41ULL,
      0x3991d639835339f4ULL, 0x9c845f8bbdf9283bULL, 0x1ff897ffde05980fULL, 0xef2f118b5a0a6d1fULL, 0x6d367ecf27cb09b7ULL,
      0x4f463f669e5fea2dULL, 0x7527bac7ebe5f17bULL, 0x3d0739f78a5292eaULL, 0x6bfb5fb11f8d5d08ULL, 0x56033046fc7b6babULL,
      0xf0cfbc209af4361dULL};
  __extension__ using U128 = unsigned __int128;
  const std::uint64_t bits = __builtin_bit_cast(std::uint64_t, x);
  const int e = static_cast<int>((bits >> 52) & 0x7ff) - 1075;  // |x| = m 2^e, m < 2^53
  const std::uint64_t m = (bits & 0x000fffffffffffffULL) | 0x0010000000000000ULL;
  // Bits of 2/pi below 2^-(e+1) only add multiples of 4: the window starts at bit i0 = e - 1,
  // table bit t = i0 + 63 (e >= -35 here, so t >= 27).
  const int t0 = e - 1 + 63;
  const int q = t0 >> 6, r = t0 & 63;
  auto word = [&](int j) {
    const std::uint64_t a = kTwoOverPi[q + j], b = kTwoOverPi[q + j + 1];
    return r == 0 ? a : (a << r) | (b >> (64 - r));
  };
  const std::uint64_t w2 = word(0), w1 = word(1), w0 = word(2);  // window = w2:w1:w0 (192 bits)
  // m * window = p3:p2:p1:p0 (the top bits of p2 are 2^1 and 2^0 of x * 2/pi).
  const U128 a0 = static_cast<U128>(m) * w0, a1 = static_cast<U128>(m) * w1, a2 = static_cast<U128>(m) * w2;
  const U128 mid = (a0 >> 64) + static_cast<std::uint64_t>(a1);
  const U128 top = (mid >> 64) + (a1 >> 64) + static_cast<std::uint64_t>(a2);
  const std::uint64_t p1 = static_cast<std::uint64_t>(mid), p2 = static_cast<std::uint64_t>(top);
  // x * 2/pi = 2^-190 (m * window): integer part mod 4 = bits 63..62 of p2, fraction below.
  std::uint64_t k = p2 >> 62;
  std::uint64_t fh = p2 << 2 | p1 >> 62, fl = p1 << 2;  // fraction as a 128-bit fixed point
  if (fh >> 63) {                                       // fraction >= 1/2: round k up, fraction - 1 (two's complement)
    k = (k + 1) & 3;
    fl = ~fl + 1;
    fh = ~fh + (fl == 0 ? 1 : 0);
  }
  const bool neg = (p2 << 2 | p1 >> 62) >> 63;
  // 53 exact bits, then the rest (|f| may be as small as 2^-61: the low words matter).
  const double f_hi = static_cast<double>(fh >> 11) * 0x1p-53;
  const double f_lo = static_cast<double>(fh & 0x7ff) * 0x1p-64 + static_cast<double>(fl) * 0x1p-128;
  const double f = f_hi + f_lo, f_err = (f_hi - f) + f_lo;
  // r = f pi/2 (exact product error by fma), sign of the fraction, then x's sign.
  const double ph = 1.5707963267948966, pl = 6.123233995736766e-17;
  double h = f * ph;
  double l = std::fma(f, ph, -h) + (f * pl + f_err * ph);
  if (neg) h = -h, l = -l;
  if (x < 0) h = -h, l = -l, k = (4 - k) & 3;
  kq = static_cast<double>(k);
  rh = h + l;
  rl = (h - rh) + l;
}

template <class W>
inline void trig_reduce(R_<W> x, R_<W>& kq, R_<W>& rh, R_<W>& rl) {
  const auto k = W::round_small(W::mul(x, cst<W>(0.63661977236758138)));
  const auto t1 = fnmadd<W>(k, cst<W>(1.5707963267923333), x);  // exact
  R_<W> s1, e1, s2, e2;
  two_sum<W>(t1, W::mul(W::neg(k), cst<W>(2.5633441515839558e-12)), s1, e1);
  two_sum<W>(s1, W::mul(W::neg(k), cst<W>(1.0562999066944068e-23)), s2, e2);
  const auto lo = fnmadd<W>(k, cst<W>(4.3359050650618903e-35), W::add(e1, e2));
  rh = W::add(s2, lo);
  rl = W::add(W::sub(s2, rh), lo);
  kq = W::sub(k, W::mul(cst<W>(4), W::floor(W::mul(k, cst<W>(0.25)))));  // k mod 4
  const auto big = W::mnot(W::lt(W::abs(x), cst<W>(kTrigCwMax)));        // also inf / NaN
  if (W::any(big)) {
    constexpr std::size_t L = W::W;
    alignas(64) double xs[L], ks[L], hs[L], ls[L];
    W::store(xs, x), W::store(ks, kq), W::store(hs, rh), W::store(ls, rl);
    for (std::size_t i = 0; i < L; ++i)
      if (std::fabs(xs[i]) >= kTrigCwMax && std::fabs(xs[i]) <= 1.7976931348623157e308)
        payne_hanek(xs[i], ks[i], hs[i], ls[i]);
    kq = W::load(ks), rh = W::load(hs), rl = W::load(ls);
  }
}

// sin and cos of rh + rl (|r| <= pi/4 + tiny): 0.5 ULP + the polynomials' 2^-56.
template <class W>
inline R_<W> sin_r(R_<W> rh, R_<W> rl, R_<W> z) {
  const auto p =
      horner<W>(z, -0.16666666666666666, 0.0083333333333333332, -0.00019841269841269839, 2.7557319223981077e-06,
                -2.5052108382378541e-08, 1.6059042778091139e-10, -7.6469609680916354e-13, 2.7912250272486444e-15);
  return W::add(rh, W::fmadd(W::mul(rh, z), p, rl));
}
template <class W>
inline R_<W> cos_r(R_<W> rh, R_<W> rl, R_<W> z) {
  const auto q =
      horner<W>(z, 0.041666666666666664, -0.0013888888888888889, 2.4801587301587298e-05, -2.755731922398348e-07,
                2.0876756986335384e-09, -1.1470745068029556e-11, 4.7793758977743377e-14, -1.5518009109180316e-16);
  const auto hz = W::mul(cst<W>(0.5), z);
  const auto w = W::sub(cst<W>(1), hz);
  const auto corr = W::add(W::sub(W::sub(cst<W>(1), w), hz), fnmadd<W>(rh, rl, W::mul(W::mul(z, z), q)));
  return W::add(w, corr);
}

// which: 0 sin, 1 cos, 2 tan. Quadrant q: sin = (s, c, -s, -c)[q], cos = (c, -s, -c, s)[q],
// tan = s/c (q even) or -c/s (q odd). sin/tan(x) = x below 2^-26 (keeps -0, denormals).
template <class W>
inline R_<W> trig(R_<W> x, int which) {
  R_<W> q, rh, rl;
  trig_reduce<W>(x, q, rh, rl);
  const auto z = W::mul(rh, rh);
  const auto s = sin_r<W>(rh, rl, z), c = cos_r<W>(rh, rl, z);
  const auto odd = W::mor(W::eq(q, cst<W>(1)), W::eq(q, cst<W>(3)));
  R_<W> y;
  if (which == 2) {
    y = W::select(odd, W::div(W::neg(c), s), W::div(s, c));
  } else {
    const auto flip = which == 0 ? W::ge(q, cst<W>(2)) : W::mor(W::eq(q, cst<W>(1)), W::eq(q, cst<W>(2)));
    const auto v = which == 0 ? W::select(odd, c, s) : W::select(odd, s, c);
    y = W::select(flip, W::neg(v), v);
  }
  y = W::select(W::eq(W::abs(x), inf<W>()), qnan<W>(), y);
  return which == 1 ? y : W::select(W::lt(W::abs(x), cst<W>(0x1p-26)), x, y);
}

// ---- inverse trigonometric ------------------------------------------------------------------
template <class W>
inline R_<W> asin_p(R_<W> z) {  // asin(x) = x + x^3 P(x^2), |x| <= 0.5
  return horner<W>(z, 0.16666666666666666, 0.075000000000001329, 0.044642857142518748, 0.030381944478459117,
                   0.022372157309310192, 0.017352820200240628, 0.013963715977035178, 0.011567209947232182,
                   0.0096158285520538539, 0.0093526398832373646, 0.0029221138877213388, 0.019848313882959729,
                   -0.019650999038001896, 0.029864224457151582);
}

constexpr double kPio2Hi = 1.5707963267948966, kPio2Lo = 6.123233995736766e-17;

// asin (which = 0) and acos (1). |x| <= 1/2: the polynomial. Else with z = (1 - |x|)/2 (exact),
// s = sqrt(z): asin|x| = pi/2 - 2 (s + s z P(z)), acos(|x|) = 2 (s + s z P(z)),
// acos(-|x|) = pi - that. |x| > 1 gives NaN.
template <class W>
inline R_<W> asin_acos(R_<W> x, int which) {
  const auto a = W::abs(x);
  const auto x2 = W::mul(x, x);
  const auto small = W::fmadd(W::mul(x, x2), asin_p<W>(x2), x);  // asin(x), |x| <= 1/2
  const auto z = W::mul(cst<W>(0.5), W::sub(cst<W>(1), a));
  const auto s = W::sqrt(z);
  // s is sqrt(z) rounded; z - s^2 is exact, and (z - s^2) / 2s restores what the rounding lost:
  // asin|x| = pi/2 - 2 asin(s) doubles s's error against a result that can be half as large.
  const auto s_lo = W::select(W::gt(z, W::zero()), W::div(fma_x<W>(W::neg(s), s, z), W::add(s, s)), W::zero());
  const auto u = W::fmadd(W::mul(s, z), asin_p<W>(z), s_lo);  // asin(s) - s
  const auto t = W::add(s, u);                                // asin(s)
  const auto tt = W::add(t, t);
  R_<W> y;
  if (which == 0) {
    // pi/2 - 2s as h + e exactly (Fast2Sum: 2s <= 1 < pi/2), then the small terms, so the last
    // addition is the only rounding of full size.
    const auto s2 = W::add(s, s);
    const auto h = W::sub(cst<W>(kPio2Hi), s2);
    const auto e = W::sub(W::sub(cst<W>(kPio2Hi), h), s2);
    const auto large = W::copysign(W::add(h, W::add(e, W::fnmadd(cst<W>(2), u, cst<W>(kPio2Lo)))), x);
    y = W::select(W::le(a, cst<W>(0.5)), small, large);
  } else {
    const auto mid = W::add(cst<W>(kPio2Hi), W::sub(cst<W>(kPio2Lo), small));
    const auto neg = W::add(cst<W>(2 * kPio2Hi), W::sub(cst<W>(2 * kPio2Lo), tt));
    y = W::select(W::le(a, cst<W>(0.5)), mid, W::select(W::lt(x, W::zero()), neg, tt));
  }
  return W::select(W::gt(a, cst<W>(1)), qnan<W>(), y);
}

template <class W>
inline R_<W> atan_p(R_<W> z) {  // atan(t) = t + t^3 P(t^2), |t| <= tan(pi/8)
  return horner<W>(z, -0.33333333333333331, 0.19999999999999998, -0.14285714285714154, 0.11111111111091171,
                   -0.090909090893384115, 0.076923076180925407, -0.066666643901567346, 0.058823053953700022,
                   -0.052624626104945081, 0.047546889261322209, -0.042946258590974583, 0.037246493831651233,
                   -0.027298881601720979, 0.011980650845098799);
}

// atan: |x| > tan(3pi/8): pi/2 + atan(-1/|x|); > tan(pi/8): pi/4 + atan((|x|-1)/(|x|+1)); the
// base added last as hi + (lo + ...). Odd: the sign is copied (atan(-0) = -0, atan(+-inf) = +-pi/2).
template <class W>
inline R_<W> atan(R_<W> x) {
  const auto a = W::abs(x);
  const auto hi = W::gt(a, cst<W>(2.4142135623730951)), mid = W::gt(a, cst<W>(0.41421356237309503));
  const auto t =
      W::select(hi, W::div(cst<W>(-1), a), W::select(mid, W::div(W::sub(a, cst<W>(1)), W::add(a, cst<W>(1))), a));
  const auto bh = W::select(hi, cst<W>(kPio2Hi), W::select(mid, cst<W>(kPio2Hi / 2), W::zero()));
  const auto bl = W::select(hi, cst<W>(kPio2Lo), W::select(mid, cst<W>(kPio2Lo / 2), W::zero()));
  const auto z = W::mul(t, t);
  const auto y = W::add(bh, W::add(t, W::fmadd(W::mul(t, z), atan_p<W>(z), bl)));
  return W::copysign(y, x);  // NaN stays NaN
}

// ---- hyperbolic -------------------------------------------------------------------------
template <class W>
inline R_<W> sinh_p(R_<W> z) {  // sinh(x) = x + x^3 P(x^2), |x| < 1
  return horner<W>(z, 0.16666666666666666, 0.0083333333333333332, 0.00019841269841269841, 2.7557319223985893e-06,
                   2.5052108385441677e-08, 1.6059043836836864e-10, 7.6471637283553635e-13, 2.8114577414046222e-15,
                   8.2202215887608062e-18, 1.9767287327293102e-20);
}

// e^a / 2 and e^-a / 2 as 2^(k-1) p and 2^(-k-1) / p: no overflow before the result's own.
template <class W>
inline void half_exps(R_<W> a, R_<W>& ep, R_<W>& em) {
  R_<W> k;
  const auto p = exp_pk<W>(a, Zero{}, k);
  ep = W::ldexp(p, W::sub(k, cst<W>(1)));
  em = W::ldexp(W::div(cst<W>(1), p), W::sub(W::neg(k), cst<W>(1)));
}

template <class W>
inline R_<W> sinh(R_<W> x) {
  const auto a = W::abs(x);
  R_<W> ep, em;
  half_exps<W>(W::min(cst<W>(720), a), ep, em);  // keeps NaN
  const auto z = W::mul(x, x);
  const auto small = W::fmadd(W::mul(x, z), sinh_p<W>(z), x);
  return W::select(W::lt(a, cst<W>(1)), small, W::copysign(W::sub(ep, em), x));
}
template <class W>
inline R_<W> cosh(R_<W> x) {
  R_<W> ep, em;
  half_exps<W>(W::min(cst<W>(720), W::abs(x)), ep, em);
  return W::add(ep, em);
}

// asinh(|x|) = log1p(a + a^2 / (1 + sqrt(1 + a^2))); ln(a) + ln 2 past 2^28 (a^2 + 1 = a^2).
template <class W>
inline R_<W> asinh(R_<W> x) {
  const auto a = W::abs(x);
  const auto a2 = W::mul(a, a);
  const auto mid = log1p<W>(W::add(a, W::div(a2, W::add(cst<W>(1), W::sqrt(W::add(cst<W>(1), a2))))));
  auto p = log_parts<W>(a);
  p.e = W::add(p.e, cst<W>(1));
  const auto big = log_specials<W>(a, ln_finite<W>(p, W::zero()));
  return W::copysign(W::select(W::gt(a, cst<W>(0x1p28)), big, mid), x);
}
// acosh(x) = log1p(t + sqrt(2t + t^2)), t = x - 1 (exact near 1); ln(x) + ln 2 past 2^28.
template <class W>
inline R_<W> acosh(R_<W> x) {
  const auto t = W::sub(x, cst<W>(1));
  const auto mid = log1p<W>(W::add(t, W::sqrt(W::fmadd(t, t, W::add(t, t)))));
  auto p = log_parts<W>(x);
  p.e = W::add(p.e, cst<W>(1));
  const auto big = log_specials<W>(x, ln_finite<W>(p, W::zero()));
  const auto y = W::select(W::gt(x, cst<W>(0x1p28)), big, mid);
  return W::select(W::lt(x, cst<W>(1)), qnan<W>(), y);
}
// atanh(x) = sign * log1p(2a / (1 - a)) / 2; +-1 -> +-inf, |x| > 1 -> NaN.
template <class W>
inline R_<W> atanh(R_<W> x) {
  const auto a = W::abs(x);
  const auto y = W::mul(cst<W>(0.5), log1p<W>(W::div(W::add(a, a), W::sub(cst<W>(1), a))));
  return W::copysign(W::select(W::gt(a, cst<W>(1)), qnan<W>(), y), x);
}

// ---- cube root --------------------------------------------------------------------------
// x = 2^(3q + r) m: y0 = P(m 2^r) on [0.7, 5.7) (7 bits), two Newton steps y (2y + c/y^2)/3, and a
// last one with the residual y^3 - c formed exactly (fma_x): <= 0.5 ULP + 2^-54.
template <class W>
inline R_<W> cbrt(R_<W> x) {
  const auto a = W::abs(x);
  const auto p = log_parts<W>(a);  // e, f: a = 2^e (1 + f), 1 + f in [0.707, 1.414)
  const auto q = W::floor(W::mul(W::add(p.e, cst<W>(0.5)), cst<W>(1.0 / 3)));  // +1/2: never near an integer
  const auto r = W::sub(p.e, W::mul(q, cst<W>(3)));                            // 0, 1, 2 (q*3 exact; e small)
  const auto c = W::ldexp(W::add(cst<W>(1), p.f), r);                          // in [0.707, 11.4)
  auto y = horner<W>(c, 0.6164298272384906, 0.4444531650638, -0.071220886480481707, 0.0051675116473998946);
  const auto third = cst<W>(1.0 / 3);
  for (int i = 0; i < 2; ++i) y = W::mul(third, W::add(W::add(y, y), W::div(c, W::mul(y, y))));
  const auto y2 = W::mul(y, y);
  const auto y2l = fma_err<W>(y, y, y2);
  const auto res = W::fmadd(y, y2l, fma_err<W>(y2, y, c));  // y^3 - c
  y = W::sub(y, W::div(res, W::mul(cst<W>(3), y2)));
  auto out = W::copysign(W::ldexp(y, q), x);
  out = W::select(W::mor(W::eq(a, W::zero()), W::eq(a, inf<W>())), x, out);  // +-0, +-inf
  return W::select(W::isnan(x), x, out);
}

}  // namespace mth

namespace mth {

// ---- pow with a scalar exponent ---------------------------------------------------------
// |x|^y = e^(y log|x|) with log|x| as a double-double (relative error ~2^-62: y log|x| may be
// 745 and its absolute error is the result's relative one). log(1 + f) = 2s + s^3 (2/3 + zQ),
// s = f / (2 + f) carried as sh + sl, s^3 and the product by c = 2/3 + ... kept exact to first
// order. Double lanes only (float goes through double).
template <class W>
inline void log_dd(R_<W> a, R_<W>& lh, R_<W>& ll) {
  const auto p = log_parts<W>(a);  // e, f (exact)
  const auto two = cst<W>(2);
  const auto dh = W::add(two, p.f);
  const auto dl = W::add(W::sub(two, dh), p.f);  // exact
  const auto sh = W::div(p.f, dh);
  const auto sl = W::div(W::sub(fma_x<W>(W::neg(sh), dh, p.f), W::mul(sh, dl)), dh);
  const auto zh = W::mul(sh, sh);
  const auto zl = W::fmadd(W::add(sh, sh), sl, fma_err<W>(sh, sh, zh));
  const auto uh = W::mul(sh, zh);
  const auto ul = W::fmadd(sl, zh, W::fmadd(sh, zl, fma_err<W>(sh, zh, uh)));
  // c = R(z)/z of log_r: 2/3 + 2/5 z + ...
  const auto c = W::mul(log_r<W>(zh), W::div(cst<W>(1), zh));
  const auto cc = W::select(W::eq(zh, W::zero()), cst<W>(2.0 / 3), c);
  const auto th = W::mul(uh, cc);
  const auto tl = W::fmadd(ul, cc, fma_err<W>(uh, cc, th));
  // L = e ln2 + 2s + t, summed as hi + lo.
  R_<W> s1, e1, s2, e2;
  two_sum<W>(W::add(sh, sh), th, s1, e1);
  two_sum<W>(W::mul(p.e, cst<W>(kLn2Hi<W>)), s1, s2, e2);
  lh = s2;
  ll = W::add(W::fmadd(p.e, cst<W>(kLn2Lo<W>), W::add(e1, e2)), W::add(W::add(sl, sl), tl));
}

// y_int / y_odd describe the scalar exponent (computed once per call).
template <class W>
inline R_<W> pow(R_<W> x, double y, bool y_int, bool y_odd) {
  const auto a = W::abs(x);
  const auto yv = cst<W>(y);
  R_<W> lh, ll;
  log_dd<W>(a, lh, ll);
  const auto ph = W::mul(yv, lh);
  auto pl = W::fmadd(yv, ll, fma_err<W>(yv, lh, ph));
  pl = W::select(W::lt(W::abs(ph), cst<W>(1e4)), pl, W::zero());  // |y log x| huge: inf / 0 anyway
  auto r = exp_xl<W>(ph, pl);
  // 0 and inf bases: 0^y = 0 (y > 0) or inf (y < 0); inf^y the reverse.
  const auto big = cst<W>(y > 0 ? std::numeric_limits<double>::infinity() : 0.0);
  const auto small = cst<W>(y > 0 ? 0.0 : std::numeric_limits<double>::infinity());
  r = W::select(W::eq(a, W::zero()), small, W::select(W::eq(a, inf<W>()), big, r));
  if (std::isinf(y)) {  // |x| < 1: (y = inf) 0, (y = -inf) inf; |x| > 1 the reverse; |x| = 1: 1
    const auto lt1 = cst<W>(y > 0 ? 0.0 : std::numeric_limits<double>::infinity());
    const auto gt1 = cst<W>(y > 0 ? std::numeric_limits<double>::infinity() : 0.0);
    r = W::select(W::lt(a, cst<W>(1)), lt1, W::select(W::eq(a, cst<W>(1)), cst<W>(1), gt1));
  }
  // Negative bases: (-1)^y for odd y (the sign bit decides: -0 and -inf too); finite x < 0 with
  // a finite non-integer y: NaN.
  const auto negx = W::lt(W::copysign(cst<W>(1), x), W::zero());
  if (y_odd) r = W::select(negx, W::neg(r), r);
  if (!y_int && !std::isinf(y)) r = W::select(W::mand(W::lt(x, W::zero()), W::gt(x, W::neg(inf<W>()))), qnan<W>(), r);
  r = W::select(W::isnan(x), x, r);
  if (std::isnan(y)) r = qnan<W>();
  if (y == 0) return cst<W>(1);                         // x^0 = 1, even for NaN x
  return W::select(W::eq(x, cst<W>(1)), cst<W>(1), r);  // 1^y = 1, even for NaN y
}

}  // namespace mth
