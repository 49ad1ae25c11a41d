// math.inl: the element-wise math kernels and their table.
// The algorithms live in math_core.inl / math_trig.inl; this file only binds them to arrays.
// Included inside an ISA namespace and target region, after math_core.inl.

namespace mth {

template <class V>
void k_exp(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return exp_fast<W>(v); });
}
template <class V>
void k_exp2(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return exp2<W>(v); });
}
template <class V>
void k_expm1(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return expm1<W>(v); });
}
template <class V>
void k_ln(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return ln<W>(v); });
}
template <class V>
void k_log2(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return log2<W>(v); });
}
template <class V>
void k_log10(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return log10<W>(v); });
}
template <class V>
void k_log1p(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return log1p<W>(v); });
}
template <class V>
void k_tanh(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return tanh<W>(v); });
}

template <class V>
void k_erf(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return erf<W>(v); });
}

// Double-only algorithms (math_trig.inl): float lanes evaluated in double.
template <class V>
void k_sin(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return trig<W>(v, 0); });
}
template <class V>
void k_cos(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return trig<W>(v, 1); });
}
template <class V>
void k_tan(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return trig<W>(v, 2); });
}
template <class V>
void k_asin(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return asin_acos<W>(v, 0); });
}
template <class V>
void k_acos(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return asin_acos<W>(v, 1); });
}
template <class V>
void k_atan(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return atan<W>(v); });
}
template <class V>
void k_sinh(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return sinh<W>(v); });
}
template <class V>
void k_cosh(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return cosh<W>(v); });
}
template <class V>
void k_asinh(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return asinh<W>(v); });
}
template <class V>
void k_acosh(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return acosh<W>(v); });
}
template <class V>
void k_atanh(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return atanh<W>(v); });
}
// 1 / sqrt(x), two correctly rounded steps (as torch.rsqrt), not an approximate rsqrt
// instruction: the hardware estimates (vrsqrt14ps, rsqrtps) need a Newton step and special
// cases to reach this accuracy and are no faster once divider and square root pipeline.
template <class V>
void k_rsqrt(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return W::div(cst<W>(1), W::sqrt(v)); });
}
template <class V>
void k_cbrt(const typename V::T* x, typename V::T* o, std::size_t n) {
  apply_d<V>(x, o, n, []<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return cbrt<W>(v); });
}

// pow with a scalar exponent: its integer / odd status is decided once per call.
template <class V>
void k_pow(const typename V::T* x, typename V::T y, typename V::T* o, std::size_t n) {
  const double yd = static_cast<double>(y);
  const bool y_int = std::isfinite(yd) && std::nearbyint(yd) == yd;
  const bool y_odd = y_int && std::fabs(yd) < 0x1p53 && std::fmod(yd, 2.0) != 0.0;
  apply_d<V>(x, o, n, [=]<class W>(typename W::R v) TRUENO_LAMBDA_INLINE { return pow<W>(v, yd, y_int, y_odd); });
}

template <class V>
constexpr MathKernels<typename V::T> make_math() {
  return {.pow = &k_pow<V>};
}

}  // namespace mth
