// vec_common.hpp: pieces shared by the wrappers: partial and wide access for the ISAs without
// masked loads (SSE2, NEON), and ldexp for those without vscalef (scalar, SSE2, AVX2, NEON).
// Included inside an ISA namespace and target region, before the wrapper itself.

// x 2^k for integral k in [-2 bias, 2 bias] (float: +-254, double: +-2046; callers clamp k well
// inside): as x 2^floor(k/2) 2^ceil(k/2), two normal powers of two whose biased exponents come
// from e = k + 2 bias by one shift and one subtraction. For the callers' x the first product is
// exact, so the result is x 2^k rounded once (denormals and overflow included).
template <class W, int kMant, int kBias>
inline typename W::R ldexp_split(typename W::R x, typename W::R k) {
  const auto e = W::iadd(W::to_int(k), W::iset1(2 * kBias));
  const auto e1 = W::template shr<1>(e);
  const auto lo = W::from_bits(W::template shl<kMant>(e1)), hi = W::from_bits(W::template shl<kMant>(W::isub(e, e1)));
  return W::mul(W::mul(x, lo), hi);
}

// The tail of an array through a stack buffer: touches only p[0, n), n < W.
template <class V>
inline typename V::R buffer_load_partial(const typename V::T* p, std::size_t n, typename V::T fill) {
  alignas(64) typename V::T buf[V::W];
  for (std::size_t i = 0; i < V::W; ++i) buf[i] = i < n ? p[i] : fill;
  return V::load(buf);
}

template <class V>
inline void buffer_store_partial(typename V::T* p, std::size_t n, typename V::R v) {
  alignas(64) typename V::T buf[V::W];
  V::store(buf, v);
  for (std::size_t i = 0; i < n; ++i) p[i] = buf[i];
}

// Two-register ("wide") access for double wrappers, in terms of their own loads and stores.
template <class V>
inline void wide_load_partial_f64(const double* p, std::size_t n, typename V::R& lo, typename V::R& hi, double fill) {
  lo = n >= V::W ? V::load(p) : V::load_partial(p, n, fill);
  hi = n > V::W ? V::load_partial(p + V::W, n - V::W, fill) : V::set1(fill);
}

template <class V>
inline void wide_store_partial_f64(double* p, std::size_t n, typename V::R lo, typename V::R hi) {
  if (n >= V::W) {
    V::store(p, lo);
    if (n > V::W) V::store_partial(p + V::W, n - V::W, hi);
  } else {
    V::store_partial(p, n, lo);
  }
}
