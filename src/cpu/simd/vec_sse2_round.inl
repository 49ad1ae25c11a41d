// vec_sse2_round.inl: SSE2's rounding (it has no rounding instruction: that is SSE4.1), written
// once for VF32 and VF64 in terms of their primitives. Included inside each struct, as
// vec_wide_f64.inl.

static constexpr T kBig = sizeof(T) == 4 ? T(8388608.0) : T(4503599627370496.0);  // 2^mant
// |a| < 2^mant: (|a| + 2^mant) - 2^mant rounds to an integer, half to even; larger values, inf and
// NaN are integral already and pass through.
static R round(R a) {
  const R big = set1(kBig);
  const R m = abs(a);
  const R r = sub(add(m, big), big);
  return select(lt(m, big), copysign(r, a), a);
}
// floor, ceil, trunc: round, then a step of one where it went the wrong way (mask & 1.0).
static R floor(R a) {
  const R r = round(a);
  return fix_sign(a, sub(r, mand(gt(r, a), set1(T(1)))));
}
static R ceil(R a) {
  const R r = round(a);
  return fix_sign(a, add(r, mand(lt(r, a), set1(T(1)))));
}
static R trunc(R a) {
  const R m = abs(a);
  const R r = round(m);
  return fix_sign(a, sub(r, mand(gt(r, m), set1(T(1)))));
}
// Integral results of small |a| carry a's sign (floor(-0.5) = -1, ceil(-0.5) = -0).
static R fix_sign(R a, R r) { return select(lt(abs(a), set1(kBig)), copysign(r, a), a); }
