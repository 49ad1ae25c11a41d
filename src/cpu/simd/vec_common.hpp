// vec_common.hpp: pieces shared by the wrappers of ISAs without masked loads (SSE2, NEON).
// Included inside an ISA namespace and target region, like the wrappers themselves.

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
inline void wide_load_partial_f64(const double* p, std::size_t n, typename V::R& lo, typename V::R& hi,
                                  double fill) {
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
