// vec_common.hpp: free templates shared by the wrappers: partial access for the ISAs without
// masked loads (SSE2, NEON), and ldexp for those without vscalef (scalar, SSE2, AVX2, NEON).
// Included inside an ISA namespace and target region (isa/isa_unit.inl), before the wrapper.

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
