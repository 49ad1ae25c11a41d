// transpose.inl: the cache-blocked out-of-place transpose, built on the wrapper's in-register
// W x W block transpose, and the transposing panel copy that GEMM packing shares with it.
// Included inside an ISA namespace and target region.

namespace mm {

// The W x W tile at src (row stride lds) -> dst (row stride ldd), transposed; kStream: with
// non-temporal stores (dst rows register-aligned).
template <class V, bool kStream>
inline void transpose_tile(const typename V::T* src, std::size_t lds, typename V::T* dst, std::size_t ldd) {
  typename V::R r[V::W];
  for (std::size_t i = 0; i < V::W; ++i) r[i] = V::load(src + i * lds);
  V::transpose(r);
  for (std::size_t i = 0; i < V::W; ++i) {
    if constexpr (kStream)
      V::stream(dst + i * ldd, r[i]);
    else
      V::store(dst + i * ldd, r[i]);
  }
}

// An edge tile of rows x cols (both <= W): partial loads and stores touch only the tile.
template <class V>
inline void transpose_edge(const typename V::T* src, std::size_t lds, std::size_t rows, std::size_t cols,
                           typename V::T* dst, std::size_t ldd) {
  typename V::R r[V::W];
  for (std::size_t i = 0; i < V::W; ++i) r[i] = i < rows ? V::load_partial(src + i * lds, cols, 0) : V::zero();
  V::transpose(r);
  for (std::size_t j = 0; j < cols; ++j) V::store_partial(dst + j * ldd, rows, r[j]);
}

// Blocks of kBlock x kBlock elements, inside them W x W register tiles. Within a block the
// tiles go down the source's columns (W destination rows at a time, written left to right), so
// the destination is written as W sequential streams; the next tile's destination lines are
// prefetched (scattered rows no hardware prefetcher follows). Cached destinations: blocks of
// 512 bytes per row (128 floats: 64 KiB of source, 64 KiB of destination, from L2);
// non-temporal destinations (kStream): 128 bytes, no prefetch (nothing to fetch). Tiles taken
// along the source rows instead send consecutive tiles' stores to the same few L1 sets when the
// destination stride is a power of two: bench_matrix, fraction of memcpy of the same matrix on
// an AVX-512 Sapphire Rapids core, this order / 256-byte blocks along the rows: 1024 x 1024
// 0.77 / 0.65, 4096 x 4096 0.85 / 0.66, 128 x 2048 0.62 / 0.59, 2048 x 128 0.47 / 0.46 (AVX2:
// 0.63 / 0.27).
template <class V, bool kStream>
void transpose_blocks(const typename V::T* src, std::size_t lds, std::size_t rows, std::size_t cols, typename V::T* dst,
                      std::size_t ldd) {
  constexpr std::size_t W = V::W;
  constexpr std::size_t kBytes = kStream ? 128 : 512;
  constexpr std::size_t kBlock =
      (kBytes / sizeof(typename V::T) / W) * W > W ? (kBytes / sizeof(typename V::T) / W) * W : W;
  for (std::size_t i0 = 0; i0 < rows; i0 += kBlock) {
    const std::size_t i1 = i0 + kBlock < rows ? i0 + kBlock : rows;
    for (std::size_t j0 = 0; j0 < cols; j0 += kBlock) {
      const std::size_t j1 = j0 + kBlock < cols ? j0 + kBlock : cols;
      for (std::size_t j = j0; j < j1; j += W) {
        const std::size_t nc = j1 - j < W ? j1 - j : W;
        for (std::size_t i = i0; i < i1; i += W) {
          const std::size_t nr = i1 - i < W ? i1 - i : W;
          if (!kStream && i + 2 * W <= i1 && nc == W)
            for (std::size_t q = 0; q < W; ++q) V::prefetch(dst + (j + q) * ldd + i + W);
          if (nr == W && nc == W)
            transpose_tile<V, kStream>(src + i * lds + j, lds, dst + j * ldd + i, ldd);
          else
            transpose_edge<V>(src + i * lds + j, lds, nr, nc, dst + j * ldd + i, ldd);
        }
      }
    }
  }
}

// A destination of kStreamBytes or more is written with non-temporal stores when its rows are
// register-aligned and a register is a whole cache line (AVX-512): it does not fit the caches anyway, and streaming
// skips the read for ownership of every destination line (on a 2 MiB-L2 core, 4096 x 4096 floats: 0.65 of memcpy
// streamed, 0.2 through the cache; a 1 MiB result is faster through the cache).
template <class V>
void transpose(const typename V::T* src, std::size_t lds, std::size_t rows, std::size_t cols, typename V::T* dst,
               std::size_t ldd) {
  using T = typename V::T;
  constexpr std::size_t kStreamBytes = std::size_t{4} << 20;
  const bool aligned = reinterpret_cast<std::uintptr_t>(dst) % (V::W * sizeof(T)) == 0 && ldd % V::W == 0;
  // Only whole-line stores stream well: a 16- or 32-byte non-temporal store leaves a partial
  // write-combining buffer behind (SSE2/AVX2 measured at 0.02 of memcpy that way).
  if (aligned && V::W * sizeof(T) >= 64 && rows * cols * sizeof(T) >= kStreamBytes) {
    transpose_blocks<V, true>(src, lds, rows, cols, dst, ldd);
    V::stream_fence();
  } else {
    transpose_blocks<V, false>(src, lds, rows, cols, dst, ldd);
  }
}

// GEMM packing: a panel of R "lines" (rows of A, or columns of B) over depth [0, kc), written
// depth-major: out[k * R + l] = line l at depth k. Line l, depth k is at base[l * ls + k * ks];
// only lines < valid exist in the source (the others are padding). Every form writes whole
// registers in increasing address order, so it may write up to W - 1 elements past the panel
// (the caller's buffer has that slack); the overhang is overwritten by the next depth row.
template <class V, std::size_t R>
inline void pack_panel(const typename V::T* base, std::ptrdiff_t ls, std::ptrdiff_t ks, std::size_t valid,
                       std::size_t kc, typename V::T* out) {
  using T = typename V::T;
  constexpr std::size_t W = V::W;
  if (ks == 1) {
    // Lines are contiguous along depth: load W depths of each line, transpose W x W blocks in
    // registers. Padding lines repeat the last valid line (finite work, never stored to C).
    constexpr std::size_t G = (R + W - 1) / W;
    const T* lp[G * W];
    for (std::size_t l = 0; l < G * W; ++l) lp[l] = base + static_cast<std::ptrdiff_t>(l < valid ? l : valid - 1) * ls;
    for (std::size_t k = 0; k < kc; k += W) {
      const std::size_t nk = kc - k < W ? kc - k : W;
      typename V::R blk[G][W];
      for (std::size_t g = 0; g < G; ++g) {
        for (std::size_t l = 0; l < W; ++l)
          blk[g][l] = nk == W ? V::load(lp[g * W + l] + k) : V::load_partial(lp[g * W + l] + k, nk, T(0));
        V::transpose(blk[g]);
      }
      for (std::size_t d = 0; d < nk; ++d)
        for (std::size_t g = 0; g < G; ++g) V::store(out + (k + d) * R + g * W, blk[g][d]);
    }
  } else if (ls == 1) {
    // Lines are adjacent at each depth: a straight copy of R elements per depth, zero padded.
    for (std::size_t k = 0; k < kc; ++k) {
      const T* src = base + static_cast<std::ptrdiff_t>(k) * ks;
      T* dst = out + k * R;
      std::size_t l = 0;
      for (; l + W <= valid; l += W) V::store(dst + l, V::load(src + l));
      if (l < valid) {
        V::store(dst + l, V::load_partial(src + l, valid - l, T(0)));
        l += W;
      }
      for (; l < R; l += W) V::store(dst + l, V::zero());
    }
  } else {
    for (std::size_t k = 0; k < kc; ++k)
      for (std::size_t l = 0; l < R; ++l)
        out[k * R + l] =
            l < valid ? base[static_cast<std::ptrdiff_t>(l) * ls + static_cast<std::ptrdiff_t>(k) * ks] : T(0);
  }
}

}  // namespace mm
