// elementwise.inl: element-wise kernels, written once against the SIMD wrapper V.
// Included inside an ISA namespace and target region, after map.inl.

namespace ew {

template <class V>
void k_add(const typename V::T* a, const typename V::T* b, typename V::T* o, std::size_t n) {
  map2<V>(a, b, o, n, [](auto x, auto y) { return V::add(x, y); });
}
template <class V>
void k_sub(const typename V::T* a, const typename V::T* b, typename V::T* o, std::size_t n) {
  map2<V>(a, b, o, n, [](auto x, auto y) { return V::sub(x, y); });
}
template <class V>
void k_mul(const typename V::T* a, const typename V::T* b, typename V::T* o, std::size_t n) {
  map2<V>(a, b, o, n, [](auto x, auto y) { return V::mul(x, y); });
}
template <class V>
void k_div(const typename V::T* a, const typename V::T* b, typename V::T* o, std::size_t n) {
  map2<V>(a, b, o, n, [](auto x, auto y) { return V::div(x, y); });
}
// V::min(x, y) yields y when either is NaN; re-select x where x is NaN so NaN always wins.
template <class V>
void k_minimum(const typename V::T* a, const typename V::T* b, typename V::T* o, std::size_t n) {
  map2<V>(a, b, o, n, [](auto x, auto y) { return V::select(V::isnan(x), x, V::min(x, y)); });
}
template <class V>
void k_maximum(const typename V::T* a, const typename V::T* b, typename V::T* o, std::size_t n) {
  map2<V>(a, b, o, n, [](auto x, auto y) { return V::select(V::isnan(x), x, V::max(x, y)); });
}
template <class V>
void k_copysign(const typename V::T* a, const typename V::T* b, typename V::T* o, std::size_t n) {
  map2<V>(a, b, o, n, [](auto x, auto y) { return V::copysign(x, y); });
}

template <class V>
void k_abs(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::abs(v); });
}
template <class V>
void k_neg(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::neg(v); });
}
template <class V>
void k_sqrt(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::sqrt(v); });
}
template <class V>
void k_recip(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::div(V::set1(1), v); });
}
template <class V>
void k_floor(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::floor(v); });
}
template <class V>
void k_ceil(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::ceil(v); });
}
template <class V>
void k_round(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::round(v); });
}
template <class V>
void k_trunc(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::trunc(v); });
}
template <class V>
void k_fract(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) { return V::sub(v, V::trunc(v)); });
}
// +-1 with x's sign for nonzero x; for +-0 and NaN (both compares false) x + 0: +0 for either
// zero (as numpy.sign and the array API), the NaN itself.
template <class V>
void k_signum(const typename V::T* x, typename V::T* o, std::size_t n) {
  map1<V>(x, o, n, [](auto v) {
    const auto nonzero = V::mor(V::lt(v, V::zero()), V::gt(v, V::zero()));
    return V::select(nonzero, V::copysign(V::set1(1), v), V::add(v, V::zero()));
  });
}

template <class V>
void scale(const typename V::T* x, typename V::T s, typename V::T* o, std::size_t n) {
  const auto sv = V::set1(s);
  map1<V>(x, o, n, [sv](auto v) { return V::mul(v, sv); });
}
// max(lo, x) keeps x when x is NaN (V::max yields its second operand), and so does min(hi, .).
template <class V>
void clamp(const typename V::T* x, typename V::T lo, typename V::T hi, typename V::T* o, std::size_t n) {
  const auto l = V::set1(lo), h = V::set1(hi);
  map1<V>(x, o, n, [l, h](auto v) { return V::min(h, V::max(l, v)); });
}
template <class V>
void lerp(const typename V::T* a, const typename V::T* b, typename V::T t, bool from_a, typename V::T* o,
          std::size_t n) {
  if (from_a) {
    const auto tv = V::set1(t);
    map2<V>(a, b, o, n, [tv](auto x, auto y) { return V::fmadd(tv, V::sub(y, x), x); });
  } else {
    const auto sv = V::set1(typename V::T(1) - t);
    map2<V>(a, b, o, n, [sv](auto x, auto y) { return V::sub(y, V::mul(V::sub(y, x), sv)); });
  }
}
template <class V>
void fma(const typename V::T* a, const typename V::T* b, const typename V::T* c, typename V::T* o, std::size_t n) {
  map3<V>(a, b, c, o, n, [](auto x, auto y, auto z) { return V::fma_exact(x, y, z); });
}
template <class V>
void affine(const typename V::T* x, double shift, double factor, typename V::T* o, std::size_t n) {
  using A = typename V::Acc;
  const auto s = A::set1(shift), f = A::set1(factor);
  map1_wide<V>(x, o, n, [s, f](auto v) { return A::mul(A::sub(v, s), f); });
}

template <class V>
constexpr ElementwiseKernels<typename V::T> make_elementwise() {
  return {
      .scale = &scale<V>,
      .clamp = &clamp<V>,
      .lerp = &lerp<V>,
      .fma = &fma<V>,
      .affine = &affine<V>,
  };
}

}  // namespace ew
