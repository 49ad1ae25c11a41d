// activations.inl: neural-network activations, written once on the SIMD wrapper; the smooth
// ones are built on math_core.inl's exp/log pieces. Included inside an ISA namespace and target
// region, after math_core.inl.

namespace act {

using mth::cst;
template <class W>
using R_ = typename W::R;
template <class V>
using T_ = typename V::T;

template <class W>
inline R_<W> relu(R_<W> x) {
  return W::add(W::max(W::zero(), x), W::zero());  // NaN stays NaN; -0 + 0 = +0
}
template <class W>
inline R_<W> relu6(R_<W> x) {
  return W::min(cst<W>(6), W::max(W::zero(), x));
}

// gelu, tanh form: x sigmoid(z), z = 2 sqrt(2/pi) (x + 0.044715 x^3) formed as zh + zl with
// error-free products: e^z's relative error is |z| times z's, so z needs ~2x the precision.
// No clamp on x: past 10 (z > 87) 1 + e^-z rounds to 1 and the quotient is x itself (x = inf
// included); once z < kPkMin + 1 (x below ~-10.7, f32; ~-22, f64: -inf, and x^2 or z overflowing
// to inf, included) mul_sigmoid returns -0 whatever zh + zl became (inf, NaN).
template <class W>
TRUENO_MATH_INLINE R_<W> gelu_tanh(R_<W> x) {
  const auto c1 = cst<W>(1.5957691216057308), c1l = cst<W>(mth::kF32<W> ? -4.53406805e-08 : -9.9693088091109202e-17);
  const auto c2 = cst<W>(0.071354816272600249), c2l = cst<W>(mth::kF32<W> ? 2.39883247e-09 : -6.175149918155315e-19);
  const auto x2 = W::mul(x, x);
  const auto x2l = mth::fma_err<W>(x, x, x2);
  const auto th = W::mul(c2, x2);
  const auto tl = W::fmadd(c2l, x2, W::fmadd(c2, x2l, mth::fma_err<W>(c2, x2, th)));
  const auto gh = W::add(c1, th);  // TwoSum: either term may dominate
  const auto bb = W::sub(gh, c1);
  const auto gl = W::add(W::add(W::sub(c1, W::sub(gh, bb)), W::sub(th, bb)), W::add(tl, c1l));
  const auto zh = W::mul(x, gh);
  const auto zl = W::fmadd(x, gl, mth::fma_err<W>(x, gh, zh));
  return mth::mul_sigmoid<W>(x, zh, zl);
}

// log(1 + e^z) = max(z, 0) + log1p(e^-|z|). Float lanes with a fused FMA: w = e^-|z| = p 2^k and
// log1p(w) = w - w v, v = w M(w), M piecewise cubic on 16 pieces of [0, 1] (math_tables.inl;
// v <= 0.31, so M's error reaches the result scaled by <= 0.45): z < 0 gives (p - p v) 2^k (one
// rounding, denormals included), z >= 0 gives z + (w - w v).
template <class W>
TRUENO_MATH_INLINE R_<W> softplus1(R_<W> z) {
  if constexpr (mth::kF32<W> && W::kFusedFma) {
    R_<W> k;
    const auto p = mth::exp_pk_lean<W>(W::neg(W::abs(z)), k);
    // w below 2^-64 only enters z + (w - w v) (= z) and v (~w, against 1 in p - p v): floored
    // there so that no lane underflows (mth::ldexp_or_zero).
    const auto w = mth::ldexp_normal<W>(p, W::max(k, cst<W>(-64)));  // k <= 0
    const auto sw = W::mul(w, cst<W>(16));
    const auto fl = W::min(cst<W>(15), W::floor(sw));  // w = 1 takes the last piece at t = 1
    const auto t = W::sub(sw, fl);
    const auto idx = W::to_int(fl);
    auto m = W::fmadd(W::lookup16(mth::kSoftplusMC3, idx), t, W::lookup16(mth::kSoftplusMC2, idx));
    m = W::fmadd(m, t, W::lookup16(mth::kSoftplusMC1, idx));
    m = W::fmadd(m, t, W::lookup16(mth::kSoftplusMC0, idx));
    const auto v = W::mul(w, m);
    const auto yn = mth::ldexp_or_zero<W>(mth::fnmadd<W>(p, v, p), k,
                                          W::mor(W::lt(z, cst<W>(mth::kExpMin<W>)), W::ge(z, W::zero())));
    return W::select(W::lt(z, W::zero()), yn, W::add(z, mth::fnmadd<W>(w, v, w)));
  }
  return W::add(W::max(W::zero(), z), mth::log1p<W>(mth::exp<W>(W::neg(W::abs(z)))));
}

// x tanh(softplus(x)) = x n / (n + 2), n = e^x (e^x + 2); as 2^k (x p (e + 2) / (n + 2)) below 0
// (see mul_sigmoid), and x itself above 20 (tanh(softplus(20)) = 1 - 8e-18).
template <class W>
TRUENO_MATH_INLINE R_<W> mish(R_<W> x) {
  R_<W> k;
  const auto p = mth::exp_pk<W>(W::min(x, cst<W>(20)), mth::Zero{}, k);
  const auto e = mth::ldexp_normal<W>(p, W::max(k, cst<W>(-64)));  // e + 2 = 2 below 2^-64; k <= 29
  const auto ep2 = W::add(e, cst<W>(2));
  const auto den = W::fmadd(e, ep2, cst<W>(2));
  const auto neg = W::lt(x, W::zero());
  const auto num = W::mul(W::mul(x, W::select(neg, p, e)), ep2);
  const auto q = W::div(num, den);
  const auto under = W::lt(x, cst<W>(mth::kPkMin<W> + 1));
  auto y = W::select(neg, mth::ldexp_or_zero<W>(q, k, W::mor(under, W::ge(x, W::zero()))), q);
  y = W::select(under, W::copysign(W::zero(), x), y);  // underflow
  return W::select(W::gt(x, cst<W>(20)), x, y);
}

template <class V>
using P_ = const T_<V>*;
template <class V>
using O_ = T_<V>*;

template <class V>
void k_relu(P_<V> x, O_<V> o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return relu<V>(v); });
}
template <class V>
void k_leaky_relu(P_<V> x, T_<V> slope, O_<V> o, std::size_t n) {
  const auto s = V::set1(slope);
  map1<V>(x, o, n, [s](auto v) { return V::select(V::gt(v, V::zero()), v, V::mul(v, s)); });
}
template <class V>
void k_hardsigmoid(P_<V> x, O_<V> o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::div(relu6<V>(V::add(v, V::set1(3))), V::set1(6)); });
}
// x / (1 + |x|); +-1 at +-inf, where the quotient would be inf / inf.
template <class V>
void k_softsign(P_<V> x, O_<V> o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) {
    const auto a = V::abs(v);
    const auto y = V::div(v, V::add(V::set1(1), a));
    return V::select(V::eq(a, V::set1(std::numeric_limits<T_<V>>::infinity())), V::copysign(V::set1(1), v), y);
  });
}
template <class V>
void k_hardswish(P_<V> x, O_<V> o, std::size_t n) {
  // x relu6(x + 3) / 6, rounded twice; x itself from 3 up (x * 6 / 6 could overflow).
  map1<V>(x, o, n, [](auto v) {
    const auto y = V::div(V::mul(v, relu6<V>(V::add(v, V::set1(3)))), V::set1(6));
    return V::select(V::ge(v, V::set1(3)), v, y);
  });
}
template <class V>
void k_sigmoid(P_<V> x, O_<V> o, std::size_t n) {
  mth::apply<V>(x, o, n,
                []<class W>(R_<W> v) TRUENO_LAMBDA_INLINE { return mth::mul_sigmoid<W>(W::set1(1), v, mth::Zero{}); });
}
template <class V>
void k_swish(P_<V> x, O_<V> o, std::size_t n) {
  mth::apply<V>(x, o, n, []<class W>(R_<W> v) TRUENO_LAMBDA_INLINE { return mth::mul_sigmoid<W>(v, v, mth::Zero{}); });
}
template <class V>
void k_gelu_tanh(P_<V> x, O_<V> o, std::size_t n) {
  mth::apply<V>(x, o, n, []<class W>(R_<W> v) TRUENO_LAMBDA_INLINE { return gelu_tanh<W>(v); });
}
template <class V>
void k_gelu_erf(P_<V> x, O_<V> o, std::size_t n) {
  mth::apply<V>(x, o, n, []<class W>(R_<W> v) TRUENO_LAMBDA_INLINE { return mth::gelu_erf<W>(v); });
}
template <class V>
void k_mish(P_<V> x, O_<V> o, std::size_t n) {
  mth::apply<V>(x, o, n, []<class W>(R_<W> v) TRUENO_LAMBDA_INLINE { return mish<W>(v); });
}
// alpha * expm1(x / alpha_div) below 0, x above (elu: alpha_div = 1; celu: alpha_div = alpha),
// times scale (selu).
template <class V>
void k_elu_family(P_<V> x, T_<V> alpha, T_<V> alpha_div, T_<V> scale, O_<V> o, std::size_t n) {
  mth::apply<V>(x, o, n, [alpha, alpha_div, scale]<class W>(R_<W> v) TRUENO_LAMBDA_INLINE {
    const auto a = W::set1(alpha), sc = W::set1(scale);
    const auto neg = W::mul(a, mth::expm1<W>(W::div(v, W::set1(alpha_div))));
    return W::mul(sc, W::select(W::gt(v, W::zero()), v, neg));
  });
}
// PyTorch's softplus: x where beta x > threshold, else log(1 + e^(beta x)) / beta.
template <class V>
void k_softplus(P_<V> x, T_<V> beta, T_<V> threshold, O_<V> o, std::size_t n) {
  if (beta == T_<V>(1)) {  // the common case: no scaling
    mth::apply<V>(x, o, n, [threshold]<class W>(R_<W> v) TRUENO_LAMBDA_INLINE {
      return W::select(W::gt(v, W::set1(threshold)), v, softplus1<W>(v));
    });
    return;
  }
  mth::apply<V>(x, o, n, [beta, threshold]<class W>(R_<W> v) TRUENO_LAMBDA_INLINE {
    const auto b = W::set1(beta);
    const auto z = W::mul(v, b);
    const auto y = W::div(softplus1<W>(z), b);
    return W::select(W::gt(z, W::set1(threshold)), v, y);
  });
}

template <class V>
constexpr ActivationKernels<T_<V>> make_activations() {
  return {
      .gelu_tanh = &k_gelu_tanh<V>,
      .gelu_erf = &k_gelu_erf<V>,
      .leaky_relu = &k_leaky_relu<V>,
      .elu_family = &k_elu_family<V>,
      .softplus = &k_softplus<V>,
  };
}

}  // namespace act
