// gemm.inl: C = alpha * A B + beta * C on one backend's wrapper: A and B blocks packed into
// contiguous panels, a register-tiled micro-kernel, cache blocking (the Goto/BLIS scheme).
// Included inside an ISA namespace and target region, after transpose.inl.

namespace mm {

// Tile and block sizes, derived from the register width and count of the wrapper.
template <class V>
struct GemmShape {
  using T = typename V::T;
  static constexpr std::size_t W = V::W;
  // The micro-tile: kMR rows x kNV registers of C in accumulators. Per depth step it loads kNV
  // registers of B and broadcasts kMR values of A: kMR * kNV FMAs for kNV + kMR loads. The
  // accumulators + kNV B registers + the broadcast + one spare fill the register file:
  // AVX-512 14 x 32 floats (28 zmm), AVX2 6 x 16 (12 ymm), NEON 9 x 12 (27 q), SSE2 6 x 8.
  // 28 independent FMA chains cover AVX-512's 2 FMA ports x 4 cycles latency 3.5 times over.
  static constexpr std::size_t kNV = (V::kRegisters >= 32 && W <= 4) ? 3 : 2;
  static constexpr std::size_t kNR = kNV * W;
  static constexpr std::size_t kMR = (V::kRegisters - kNV - 2) / kNV;
  // Depth of one block: the A micro-panel (kMR x kKC, 14 KiB for AVX-512 float) stays in L1
  // while B micro-panels stream from L2; long enough that the C tile's load/store is noise.
  static constexpr std::size_t kKC = 256;
  // Columns of a packed B block (kKC x kNC, 512 KiB: half of a 1 MiB L2, a quarter of 2 MiB).
  static constexpr std::size_t kNC = (std::size_t{512} * 1024 / (kKC * sizeof(T))) / kNR * kNR;
  // Rows of a packed A block (kMC x kKC, 512 KiB, streamed from L2/L3): packed once per
  // depth step and reused by every B block, so its strided packing is amortized over all of N.
  static constexpr std::size_t kMC = (std::size_t{512} * 1024 / (kKC * sizeof(T))) / kMR * kMR;

  static constexpr std::size_t round_up(std::size_t x, std::size_t r) { return (x + r - 1) / r * r; }
  static std::size_t a_elems(std::size_t m, std::size_t k) {
    return (m < kMC ? round_up(m, kMR) : kMC) * (k < kKC ? k : kKC) + W;
  }
  static std::size_t b_elems(std::size_t n, std::size_t k) {
    return (n < kNC ? round_up(n, kNR) : kNC) * (k < kKC ? k : kKC) + W;
  }
};

template <class V>
std::size_t gemm_scratch(std::size_t m, std::size_t n, std::size_t k) {
  using S = GemmShape<V>;
  // Rounded to a whole cache line so that the B panels start 64-byte aligned.
  return S::round_up(S::a_elems(m, k), 64 / sizeof(typename V::T)) + S::b_elems(n, k);
}

// C tile (mv <= kMR rows, nv <= kNR columns) = alpha * acc + beta * C; beta == 0: C not read.
template <class V, std::size_t MR, std::size_t NV>
inline void store_tile(typename V::R (&acc)[MR][NV], typename V::T* c, std::size_t ldc, std::size_t mv,
                       std::size_t nv, typename V::T alpha, typename V::T beta) {
  using T = typename V::T;
  constexpr std::size_t W = V::W;
  const auto va = V::set1(alpha), vb = V::set1(beta);
#pragma GCC unroll 16
  for (std::size_t i = 0; i < MR; ++i) {
    if (i >= mv) break;
    T* row = c + i * ldc;
#pragma GCC unroll 4
    for (std::size_t v = 0; v < NV; ++v) {
      const std::size_t j = v * W;
      if (j >= nv) break;
      auto r = alpha == T(1) ? acc[i][v] : V::mul(acc[i][v], va);
      if (nv - j >= W) {
        if (beta == T(1)) r = V::add(r, V::load(row + j));
        else if (beta != T(0)) r = V::fmadd(V::load(row + j), vb, r);
        V::store(row + j, r);
      } else {
        if (beta == T(1)) r = V::add(r, V::load_partial(row + j, nv - j, T(0)));
        else if (beta != T(0)) r = V::fmadd(V::load_partial(row + j, nv - j, T(0)), vb, r);
        V::store_partial(row + j, nv - j, r);
      }
    }
  }
}

// The micro-kernel: a kMR x kNR tile of C over depth kc from packed panels (ap: kMR values per
// depth step, bp: kNR values per depth step). The loops over i and v unroll completely, so the
// accumulators live in registers; each broadcast folds into its FMA on AVX-512 ({1toN}).
template <class V>
inline void micro_kernel(std::size_t kc, const typename V::T* ap, const typename V::T* bp, typename V::T* c,
                         std::size_t ldc, std::size_t mv, std::size_t nv, typename V::T alpha, typename V::T beta) {
  using S = GemmShape<V>;
  constexpr std::size_t MR = S::kMR, NV = S::kNV, W = V::W;
  typename V::R acc[MR][NV];
#pragma GCC unroll 16
  for (std::size_t i = 0; i < MR; ++i)
#pragma GCC unroll 4
    for (std::size_t v = 0; v < NV; ++v) acc[i][v] = V::zero();
  for (std::size_t k = 0; k < kc; ++k) {
    typename V::R b[NV];
#pragma GCC unroll 4
    for (std::size_t v = 0; v < NV; ++v) b[v] = V::load(bp + v * W);
#pragma GCC unroll 16
    for (std::size_t i = 0; i < MR; ++i) {
      const auto a = V::set1(ap[i]);
#pragma GCC unroll 4
      for (std::size_t v = 0; v < NV; ++v) acc[i][v] = V::fmadd(a, b[v], acc[i][v]);
    }
    ap += MR;
    bp += NV * W;
  }
  store_tile<V, MR, NV>(acc, c, ldc, mv, nv, alpha, beta);
}

// Packs rows [i0, i0 + mc) x depth [p0, p0 + kc) of A into kMR-row panels.
template <class V>
void pack_a(const MatRef<typename V::T>& a, std::size_t i0, std::size_t mc, std::size_t p0, std::size_t kc,
            typename V::T* out) {
  constexpr std::size_t MR = GemmShape<V>::kMR;
  for (std::size_t i = 0; i < mc; i += MR, out += MR * kc) {
    const auto* base = a.data + static_cast<std::ptrdiff_t>(i0 + i) * a.rs + static_cast<std::ptrdiff_t>(p0) * a.cs;
    pack_panel<V, MR>(base, a.rs, a.cs, mc - i < MR ? mc - i : MR, kc, out);
  }
}

// Packs depth [p0, p0 + kc) x columns [j0, j0 + nc) of B into kNR-column panels.
template <class V>
void pack_b(const MatRef<typename V::T>& b, std::size_t p0, std::size_t kc, std::size_t j0, std::size_t nc,
            typename V::T* out) {
  constexpr std::size_t NR = GemmShape<V>::kNR;
  for (std::size_t j = 0; j < nc; j += NR, out += NR * kc) {
    const auto* base = b.data + static_cast<std::ptrdiff_t>(p0) * b.rs + static_cast<std::ptrdiff_t>(j0 + j) * b.cs;
    pack_panel<V, NR>(base, b.cs, b.rs, nc - j < NR ? nc - j : NR, kc, out);
  }
}

// The block C[i0:i1, j0:j1]. Loop order (outer to inner): A blocks of kMC rows, depth blocks
// of kKC (pack A), B blocks of kNC columns (pack B), A micro-panels (held in L1), B
// micro-panels (streamed from L2), micro-kernel.
template <class V>
void gemm(const GemmArgs<typename V::T>& g, std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1,
          typename V::T* scratch) {
  using T = typename V::T;
  using S = GemmShape<V>;
  T* const ap = scratch;
  T* const bp = scratch + S::round_up(S::a_elems(i1 - i0, g.k), 64 / sizeof(T));
  for (std::size_t ic = i0; ic < i1; ic += S::kMC) {
    const std::size_t mc = i1 - ic < S::kMC ? i1 - ic : S::kMC;
    for (std::size_t pc = 0; pc < g.k; pc += S::kKC) {
      const std::size_t kc = g.k - pc < S::kKC ? g.k - pc : S::kKC;
      const T beta = pc == 0 ? g.beta : T(1);  // later depth blocks accumulate onto C
      pack_a<V>(g.a, ic, mc, pc, kc, ap);
      for (std::size_t jc = j0; jc < j1; jc += S::kNC) {
        const std::size_t nc = j1 - jc < S::kNC ? j1 - jc : S::kNC;
        pack_b<V>(g.b, pc, kc, jc, nc, bp);
        for (std::size_t ir = 0; ir < mc; ir += S::kMR) {
          const std::size_t mv = mc - ir < S::kMR ? mc - ir : S::kMR;
          T* crow = g.c + (ic + ir) * g.ldc + jc;
          for (std::size_t jr = 0; jr < nc; jr += S::kNR) {
            const std::size_t nv = nc - jr < S::kNR ? nc - jr : S::kNR;
            micro_kernel<V>(kc, ap + ir * kc, bp + jr * kc, crow + jr, g.ldc, mv, nv, g.alpha, beta);
          }
        }
      }
    }
  }
}

}  // namespace mm
