// matrix.inl: the rotation chains of the eigen solver and the MatrixKernels table of a backend.
// Included inside an ISA namespace and target region, after the other matrix kernels.

namespace mm {

// One column chunk (U registers, nk <= U * W columns) of a rotation chain: the row being
// carried down stays in registers, so each row is loaded and stored once per chain. kFull: nk
// is exactly U * W (no masks in the loop).
template <class V, std::size_t U, bool kFull>
inline void rot_chain_chunk(typename V::T* a, std::size_t lda, std::size_t nk, std::size_t first, std::size_t last,
                            const typename V::T* c, const typename V::T* s) {
  using T = typename V::T;
  using R = typename V::R;
  constexpr std::size_t W = V::W;
  auto cols = [&](std::size_t u) { return nk > u * W ? (nk - u * W < W ? nk - u * W : W) : 0; };
  auto ld = [&](const T* p, std::size_t u) -> R {
    if constexpr (kFull)
      return V::load(p + u * W);
    else
      return V::load_partial(p + u * W, cols(u), T(0));
  };
  auto st = [&](T* p, std::size_t u, R v) {
    if constexpr (kFull)
      V::store(p + u * W, v);
    else
      V::store_partial(p + u * W, cols(u), v);
  };
  R y[U];
#pragma GCC unroll 4
  for (std::size_t u = 0; u < U; ++u) y[u] = ld(a + last * lda, u);
  for (std::size_t i = last; i-- > first;) {
    const R vc = V::set1(c[i - first]), vs = V::set1(s[i - first]);
    T* xrow = a + i * lda;
#pragma GCC unroll 4
    for (std::size_t u = 0; u < U; ++u) {
      const R x = ld(xrow, u);
      st(xrow + lda, u, V::fmadd(vs, x, V::mul(vc, y[u])));  // row i + 1 is final
      y[u] = V::sub(V::mul(vc, x), V::mul(vs, y[u]));        // row i, carried to the next step
    }
  }
#pragma GCC unroll 4
  for (std::size_t u = 0; u < U; ++u) st(a + first * lda, u, y[u]);
}

// Column chunks of 4 registers: each chunk (rows x 32 doubles on AVX-512: 128 KiB at n = 512)
// stays in L2 while every chain is applied to it, so the matrix is streamed once per call
// rather than once per chain; the 4 carried registers are 4 independent dependency chains.
template <class V>
void rot_chains(typename V::T* a, std::size_t lda, std::size_t n, const std::size_t* chains, std::size_t count,
                const typename V::T* c, const typename V::T* s) {
  constexpr std::size_t kChunk = 4 * V::W;
  for (std::size_t j = 0; j < n; j += kChunk) {
    const std::size_t nk = n - j < kChunk ? n - j : kChunk;
    for (std::size_t q = 0; q < count; ++q) {
      const std::size_t* ch = chains + 3 * q;
      if (nk == kChunk)
        rot_chain_chunk<V, 4, true>(a + j, lda, nk, ch[0], ch[1], c + ch[2], s + ch[2]);
      else
        rot_chain_chunk<V, 4, false>(a + j, lda, nk, ch[0], ch[1], c + ch[2], s + ch[2]);
    }
  }
}

template <class V>
constexpr MatrixKernels<typename V::T> make_matrix() {
  return {
      .gemm_scratch = &gemm_scratch<V>,
      .gemm = &gemm<V>,
      .gemm_mr = GemmShape<V>::kMR,
      .gemm_nr = GemmShape<V>::kNR,
      .gemv_n = &gemv_n<V>,
      .gemv_t = &gemv_t<V>,
      .ger2 = &ger2<V>,
      .transpose = &transpose<V>,
      .correlate2d = &correlate2d<V>,
      .rot_chains = &rot_chains<V>,
  };
}

}  // namespace mm
