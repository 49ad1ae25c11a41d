// conv.inl: 2-D valid-mode correlation (convolution with a pre-flipped kernel) of an image with a
// small kernel of any size. Included inside an ISA namespace and target region.

namespace mm {

// Output rows one at a time; along a row, kU registers of outputs stay in accumulators over the
// whole kernel (one unaligned image load + one FMA per kernel tap and register: the two load
// ports feed the two FMA ports).
template <class V>
void correlate2d(const typename V::T* img, std::size_t ldi, MatRef<typename V::T> ker, std::size_t kh,
                 std::size_t kw, typename V::T* out, std::size_t ldo, std::size_t oh, std::size_t ow) {
  using T = typename V::T;
  using R = typename V::R;
  constexpr std::size_t W = V::W, kU = 4;
  auto tap = [&](std::size_t p, std::size_t q) {
    return ker.data[static_cast<std::ptrdiff_t>(p) * ker.rs + static_cast<std::ptrdiff_t>(q) * ker.cs];
  };
  for (std::size_t i = 0; i < oh; ++i) {
    T* orow = out + i * ldo;
    std::size_t j = 0;
    for (; j + kU * W <= ow; j += kU * W) {
      R acc[kU];
      for (std::size_t u = 0; u < kU; ++u) acc[u] = V::zero();
      for (std::size_t p = 0; p < kh; ++p) {
        const T* irow = img + (i + p) * ldi + j;
        for (std::size_t q = 0; q < kw; ++q) {
          const R kv = V::set1(tap(p, q));
          for (std::size_t u = 0; u < kU; ++u) acc[u] = V::fmadd(V::load(irow + q + u * W), kv, acc[u]);
        }
      }
      for (std::size_t u = 0; u < kU; ++u) V::store(orow + j + u * W, acc[u]);
    }
    for (; j < ow; j += W) {
      const std::size_t nj = ow - j < W ? ow - j : W;
      R acc = V::zero();
      for (std::size_t p = 0; p < kh; ++p) {
        const T* irow = img + (i + p) * ldi + j;
        for (std::size_t q = 0; q < kw; ++q) {
          const R x = nj == W ? V::load(irow + q) : V::load_partial(irow + q, nj, T(0));
          acc = V::fmadd(x, V::set1(tap(p, q)), acc);
        }
      }
      if (nj == W) V::store(orow + j, acc);
      else V::store_partial(orow + j, nj, acc);
    }
  }
}

}  // namespace mm
