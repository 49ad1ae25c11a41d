// conv.inl: 2-D valid-mode correlation (convolution with a pre-flipped kernel) of an image with a
// small kernel of any size. Included inside an ISA namespace and target region.

namespace mm {

// One output row segment of kU registers: the accumulators stay in registers over every tap
// (per tap: one broadcast and, per register, one unaligned image load and one FMA). taps is
// the kernel contiguous (row-major), so its address is one increment per tap.
template <class V, std::size_t kU>
inline void conv_segment(const typename V::T* img, std::size_t ldi, const typename V::T* taps, std::size_t kh,
                         std::size_t kw, typename V::T* out) {
  using R = typename V::R;
  constexpr std::size_t W = V::W;
  R acc[kU];
#pragma GCC unroll 8
  for (std::size_t u = 0; u < kU; ++u) acc[u] = V::zero();
  for (std::size_t p = 0; p < kh; ++p) {
    const typename V::T* irow = img + p * ldi;
    for (std::size_t q = 0; q < kw; ++q) {
      const R kv = V::set1(*taps++);
#pragma GCC unroll 8
      for (std::size_t u = 0; u < kU; ++u) acc[u] = V::fmadd(V::load(irow + q + u * W), kv, acc[u]);
    }
  }
#pragma GCC unroll 8
  for (std::size_t u = 0; u < kU; ++u) V::store(out + u * W, acc[u]);
}

// Output rows one at a time; along a row, segments of 8 registers (8 independent FMA chains
// cover 2 FMA ports x 4 cycles of latency); rows narrower than a segment go one register at a
// time with a masked tail. The
// kernel is first copied contiguous (flipped or strided kernels included) into a small stack
// buffer when it fits (<= 1024 taps), else read through its strides.
template <class V>
void correlate2d(const typename V::T* img, std::size_t ldi, MatRef<typename V::T> ker, std::size_t kh, std::size_t kw,
                 typename V::T* out, std::size_t ldo, std::size_t oh, std::size_t ow) {
  using T = typename V::T;
  using R = typename V::R;
  constexpr std::size_t W = V::W, kU = 8, kMaxTaps = 1024;
  auto tap = [&](std::size_t p, std::size_t q) {
    return ker.data[static_cast<std::ptrdiff_t>(p) * ker.rs + static_cast<std::ptrdiff_t>(q) * ker.cs];
  };
  T local[kMaxTaps];
  const bool copied = kh * kw <= kMaxTaps;
  if (copied)
    for (std::size_t p = 0; p < kh; ++p)
      for (std::size_t q = 0; q < kw; ++q) local[p * kw + q] = tap(p, q);
  for (std::size_t i = 0; i < oh; ++i) {
    T* orow = out + i * ldo;
    const T* irow0 = img + i * ldi;
    std::size_t j = 0;
    if (copied && ow >= kU * W) {
      for (; j + kU * W <= ow; j += kU * W) conv_segment<V, kU>(irow0 + j, ldi, local, kh, kw, orow + j);
      // The tail as one more full segment ending at the row's end: it recomputes (identical
      // values) up to kU * W - 1 outputs rather than running single latency-bound registers.
      if (j < ow) conv_segment<V, kU>(irow0 + ow - kU * W, ldi, local, kh, kw, orow + ow - kU * W);
      continue;
    }
    for (; j < ow; j += W) {
      const std::size_t nj = ow - j < W ? ow - j : W;
      R acc = V::zero();
      for (std::size_t p = 0; p < kh; ++p) {
        const T* irow = irow0 + p * ldi + j;
        for (std::size_t q = 0; q < kw; ++q) {
          const R x = nj == W ? V::load(irow + q) : V::load_partial(irow + q, nj, T(0));
          acc = V::fmadd(x, V::set1(copied ? local[p * kw + q] : tap(p, q)), acc);
        }
      }
      if (nj == W)
        V::store(orow + j, acc);
      else
        V::store_partial(orow + j, nj, acc);
    }
  }
}

}  // namespace mm
