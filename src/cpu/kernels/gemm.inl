// gemm.inl: C = alpha * A B + beta * C on one backend's wrapper: a register-tiled micro-kernel
// over cache blocks (the Goto/BLIS scheme), with A and B packed into contiguous panels, or
// read in place when the problem is small enough that packing would cost more than it saves.
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
  // Depth of one block (1 KiB of T): the A micro-panel (kMR x kKC, 14 KiB for AVX-512) stays
  // in L1 next to the B micro-panel streaming through (32 KiB), within a 48 KiB L1d; long
  // enough that loading and storing the C tile once per block is noise.
  static constexpr std::size_t kKC = 1024 / sizeof(T);
  // Columns of a packed B block (kKC x kNC = 512 KiB: L2-resident on 1-2 MiB L2s).
  static constexpr std::size_t kNC = (std::size_t{512} * 1024 / (kKC * sizeof(T))) / kNR * kNR;
  // Rows of a packed A block (kMC x kKC = 4 MiB, L3): every element of A and of B is then
  // packed exactly once for M <= kMC; A micro-panels are read from it once per B block.
  static constexpr std::size_t kMC = (std::size_t{4} << 20) / (kKC * sizeof(T)) / kMR * kMR;
  // Operands up to this size (A and B together, and B alone) are read in place, unpacked:
  // they stay in L1/L2 anyway, and packing them would cost ~10% at n = 64. A larger B read in
  // place loses more to cache-set conflicts of its strided rows than packing costs (512 x 512
  // x 64: 74-88 GFLOP/s in place, 93-96 packed).
  static constexpr std::size_t kDirectBytes = std::size_t{384} * 1024;
  static constexpr std::size_t kDirectBBytes = std::size_t{64} * 1024;
  // Software prefetch (into L1) of the B micro-panel this many depth steps ahead (0: none): the
  // micro-panel comes from L2 (its block is sized for L2), and each step's B loads feed all of
  // its FMAs, so a load that misses L1 delays the whole step. On the 16-core device machine (AVX-512,
  // fraction of the FMA peak loop run around each product, with / without): 1 thread n = 1024
  // 0.74 / 0.71, n = 2048 0.90 / 0.74; 16 threads n = 2048 0.55 / 0.52, n = 4096 0.58-0.60 /
  // 0.58. An AVX2 Zen 3 core runs at its peak loop's rate either way.
  static constexpr std::size_t kPrefetchB = 16;
  // The C tile is prefetched into L1 this many depth steps before the end of the micro-kernel.
  static constexpr std::size_t kCTail = 24;
  // Pack the next B block while the current one is multiplied (PackStream) and prefetch the
  // next A micro-panel's source (PackAhead); false: each block is packed when it is reached.
  static constexpr bool kPackAhead = true;
};

constexpr std::size_t round_up(std::size_t x, std::size_t r) { return (x + r - 1) / r * r; }

// Elements of the packed A block (+ the overhang of whole-register stores), rounded to a cache
// line so that the B block after it starts 64-byte aligned; then of the packed B block.
template <class V, class S>
std::size_t a_block_elems(std::size_t m, std::size_t k) {
  const std::size_t e = (m < S::kMC ? round_up(m, S::kMR) : S::kMC) * (k < S::kKC ? k : S::kKC) + V::W;
  return round_up(e, 64 / sizeof(typename V::T));
}
template <class V, class S>
std::size_t b_block_elems(std::size_t n, std::size_t k) {
  return round_up((n < S::kNC ? round_up(n, S::kNR) : S::kNC) * (k < S::kKC ? k : S::kKC) + V::W,
                  64 / sizeof(typename V::T));
}

// S: the blocking (GemmShape<V>, or a variant of it for tuning experiments).
template <class V, class S = GemmShape<V>>
std::size_t gemm_scratch(std::size_t m, std::size_t n, std::size_t k) {
  return a_block_elems<V, S>(m, k) + 2 * b_block_elems<V, S>(n, k);  // two B blocks: see gemm
}

// C tile (MR rows, nv <= NV * W columns) = alpha * acc + beta * C, or alpha * acc without
// reading C (beta == 0). One multiply and one FMA per register for every alpha and beta
// (alpha * acc is exact for alpha == 1, and fma(c, 1, r) == c + r): no per-register branches.
// Every load of C comes before the first store: rows a multiple of 4 KiB apart (n = 1024,
// 2048 floats) would otherwise make each row's load wait on the previous row's store (4K
// aliasing: the store buffer compares the low 12 address bits only).
template <class V, std::size_t MR, std::size_t NV, bool kReadC>
inline void store_tile(typename V::R (&acc)[MR][NV], typename V::T* c, std::size_t ldc, std::size_t nv,
                       typename V::T alpha, typename V::T beta) {
  using T = typename V::T;
  constexpr std::size_t W = V::W;
  const auto va = V::set1(alpha), vb = V::set1(beta);
  const std::size_t tail = nv - (NV - 1) * W;  // columns in the last register: 1..W
#pragma GCC unroll 16
  for (std::size_t i = 0; i < MR; ++i) {
    const T* row = c + i * ldc;
#pragma GCC unroll 4
    for (std::size_t v = 0; v + 1 < NV; ++v) {
      acc[i][v] = V::mul(acc[i][v], va);
      if constexpr (kReadC) acc[i][v] = V::fmadd(V::load(row + v * W), vb, acc[i][v]);
    }
    const T* last = row + (NV - 1) * W;
    acc[i][NV - 1] = V::mul(acc[i][NV - 1], va);
    if constexpr (kReadC)
      acc[i][NV - 1] = V::fmadd(tail == W ? V::load(last) : V::load_partial(last, tail, T(0)), vb, acc[i][NV - 1]);
  }
#pragma GCC unroll 16
  for (std::size_t i = 0; i < MR; ++i) {
    T* row = c + i * ldc;
#pragma GCC unroll 4
    for (std::size_t v = 0; v + 1 < NV; ++v) V::store(row + v * W, acc[i][v]);
    T* last = row + (NV - 1) * W;
    if (tail == W)
      V::store(last, acc[i][NV - 1]);
    else
      V::store_partial(last, tail, acc[i][NV - 1]);
  }
}

// One depth step of the micro-kernel: NV loads of B, MR broadcasts of A, MR * NV FMAs.
template <class V, std::size_t MR, std::size_t NV, bool kRowMajorA>
[[gnu::always_inline]] inline void micro_step(typename V::R (&acc)[MR][NV], const typename V::T* a, std::size_t lda,
                                              const typename V::T* b, std::size_t k) {
  constexpr std::size_t W = V::W;
  typename V::R bv[NV];
#pragma GCC unroll 4
  for (std::size_t v = 0; v < NV; ++v) bv[v] = V::load(b + v * W);
#pragma GCC unroll 16
  for (std::size_t i = 0; i < MR; ++i) {
    const auto av = V::set1(kRowMajorA ? a[i * lda + k] : a[i]);
#pragma GCC unroll 4
    for (std::size_t v = 0; v < NV; ++v) acc[i][v] = V::fmadd(av, bv[v], acc[i][v]);
  }
}

// The micro-kernel: an MR x (NV registers) tile of C over depth kc. A element (i, k) is at
// a[i * lda + k] when kRowMajorA (A read in place), else at a[i + k * lda] (packed panels with
// lda = kMR, or a transposed A read in place); B row k of the tile at b + k * ldb (packed
// panels with ldb = kNR, or B in place). The loops over i and v unroll completely, so the
// accumulators live in registers. MR < kMR and NV < kNV are the exact-size variants for the
// edges of C, so an edge costs only its own FMAs. The C tile is fetched in two steps: into L2
// at the start (its rows are a stride apart, in L3 for large C), into L1 kCTail depth steps
// before the end, late enough that the B micro-panel streaming through L1 does not evict it
// again (rows 4 KiB apart share one L1 set).
template <class V, class S, std::size_t MR, std::size_t NV, bool kRowMajorA>
void micro_kernel(std::size_t kc, const typename V::T* a, std::size_t lda, const typename V::T* b, std::size_t ldb,
                  typename V::T* c, std::size_t ldc, std::size_t nv, typename V::T alpha, typename V::T beta) {
  constexpr std::size_t W = V::W, kCTail = S::kCTail;
#pragma GCC unroll 16
  for (std::size_t i = 0; i < MR; ++i) {
    __builtin_prefetch(c + i * ldc, 1, 2);
    __builtin_prefetch(c + i * ldc + NV * W - 1, 1, 2);
  }
  typename V::R acc[MR][NV];
#pragma GCC unroll 16
  for (std::size_t i = 0; i < MR; ++i)
#pragma GCC unroll 4
    for (std::size_t v = 0; v < NV; ++v) acc[i][v] = V::zero();
  const std::size_t k_main = kc > kCTail ? kc - kCTail : 0;
  std::size_t k = 0;
  for (; k < k_main; ++k) {
    if constexpr (S::kPrefetchB != 0) {
#pragma GCC unroll 4
      for (std::size_t l = 0; l < NV * W; l += 64 / sizeof(typename V::T)) V::prefetch(b + S::kPrefetchB * ldb + l);
    }
    micro_step<V, MR, NV, kRowMajorA>(acc, a, lda, b, k);
    if constexpr (!kRowMajorA) a += lda;
    b += ldb;
  }
#pragma GCC unroll 16
  for (std::size_t i = 0; i < MR; ++i) {
    V::prefetch(c + i * ldc);
    V::prefetch(c + i * ldc + NV * W - 1);
  }
  for (; k < kc; ++k) {
    micro_step<V, MR, NV, kRowMajorA>(acc, a, lda, b, k);
    if constexpr (!kRowMajorA) a += lda;
    b += ldb;
  }
  if (beta == typename V::T(0))
    store_tile<V, MR, NV, false>(acc, c, ldc, nv, alpha, beta);
  else
    store_tile<V, MR, NV, true>(acc, c, ldc, nv, alpha, beta);
}

template <class V>
using MicroKernel = void (*)(std::size_t, const typename V::T*, std::size_t, const typename V::T*, std::size_t,
                             typename V::T*, std::size_t, std::size_t, typename V::T, typename V::T);

// kMicro<V, S, kRowMajorA>[mr - 1][nv - 1]: the micro-kernel of mr rows and nv registers.
template <class V, class S, bool kRowMajorA, std::size_t MR, std::size_t... J>
constexpr std::array<MicroKernel<V>, S::kNV> micro_row(std::index_sequence<J...>) {
  return {&micro_kernel<V, S, MR, J + 1, kRowMajorA>...};
}
template <class V, class S, bool kRowMajorA, std::size_t... I>
constexpr std::array<std::array<MicroKernel<V>, S::kNV>, S::kMR> micro_table(std::index_sequence<I...>) {
  return {micro_row<V, S, kRowMajorA, I + 1>(std::make_index_sequence<S::kNV>{})...};
}
template <class V, class S, bool kRowMajorA>
constexpr auto kMicro = micro_table<V, S, kRowMajorA>(std::make_index_sequence<S::kMR>{});

// Packs depth [p0, p0 + kc) x columns [j0, j0 + nc) of B into kNR-column panels; with
// edge_only, only the last panel if it is partial (the full ones are read in place).
template <class V, class S>
void pack_b(const MatRef<typename V::T>& b, std::size_t p0, std::size_t kc, std::size_t j0, std::size_t nc,
            typename V::T* out, bool edge_only) {
  constexpr std::size_t NR = S::kNR;
  for (std::size_t j = 0; j < nc; j += NR, out += NR * kc) {
    if (edge_only && nc - j >= NR) continue;
    const auto* base = b.data + static_cast<std::ptrdiff_t>(p0) * b.rs + static_cast<std::ptrdiff_t>(j0 + j) * b.cs;
    pack_panel<V, NR>(base, b.cs, b.rs, nc - j < NR ? nc - j : NR, kc, out);
  }
}

// The source lines of the next block to be packed, prefetched into L2 a few at a time between
// micro-kernel calls: the micro-kernel is bound by the FMA ports and leaves the memory system
// idle, so the packing that follows reads L2 instead of waiting on memory (at n = 1024 packing
// straight from memory takes 13% of the product's time on a Sapphire Rapids core).
template <class T>
struct PackAhead {
  const char* run = nullptr;  // the first line of the current run (a row or column of the source)
  std::ptrdiff_t step = 0;    // bytes between runs
  std::size_t runs = 0, lines = 0, per_call = 0, q = 0, l = 0;

  // Rows [r0, r0 + nr) x columns [c0, c0 + nc) of m, spread over `calls` calls of advance().
  void aim(const MatRef<T>& m, std::size_t r0, std::size_t nr, std::size_t c0, std::size_t nc, std::size_t calls) {
    q = l = 0;
    runs = 0;
    std::size_t len = 0;
    const T* first = nullptr;
    if (m.cs == 1) {
      first = m.data + static_cast<std::ptrdiff_t>(r0) * m.rs + static_cast<std::ptrdiff_t>(c0);
      runs = nr, len = nc, step = m.rs * static_cast<std::ptrdiff_t>(sizeof(T));
    } else if (m.rs == 1) {
      first = m.data + static_cast<std::ptrdiff_t>(c0) * m.cs + static_cast<std::ptrdiff_t>(r0);
      runs = nc, len = nr, step = m.cs * static_cast<std::ptrdiff_t>(sizeof(T));
    } else {
      return;  // general strides: no prefetch
    }
    const std::size_t off = reinterpret_cast<std::uintptr_t>(first) % 64;
    run = reinterpret_cast<const char*>(first) - off;
    lines = (off + len * sizeof(T) + 63) / 64;
    per_call = (runs * lines + calls - 1) / (calls != 0 ? calls : 1) + 1;
  }
  void advance() {
    for (std::size_t n = per_call; n != 0 && q < runs; --n) {
      __builtin_prefetch(run + l * 64, 0, 2);
      if (++l == lines) l = 0, ++q, run += step;
    }
  }
};

// One B block times the A rows [ic, ic + mc): C[ic:ic+mc, jc:jc+nc] = alpha * A B + beta * C
// over depth [pc, pc + kc). The B block is packed at bp (kNR-column panels, kc deep), or read in
// place (direct_b: full panels only). A micro-panels are read in place (direct_a), or packed
// into ap just before their first use when pack_a (the first B block of a depth block) and
// read back from ap otherwise. next_b (the packing of the next B block, or its prefetch)
// advances one step per micro-kernel call; next_a
// prefetches the next A micro-panel's source while one is first used.
template <class V, class S, bool kRowMajorA, class Next>
void macro_block(const GemmArgs<typename V::T>& g, std::size_t ic, std::size_t mc, std::size_t pc, std::size_t kc,
                 std::size_t jc, std::size_t nc, typename V::T beta, typename V::T* ap, bool direct_a, bool pack_a,
                 const typename V::T* bp, bool direct_b, Next& next_b, PackAhead<typename V::T>& next_a) {
  using T = typename V::T;
  const auto& kernels = kMicro<V, S, kRowMajorA>;
  const std::size_t panels = (nc + S::kNR - 1) / S::kNR;
  for (std::size_t ir = 0; ir < mc; ir += S::kMR) {
    const std::size_t mv = mc - ir < S::kMR ? mc - ir : S::kMR;
    const T* a = ap + ir * kc;
    std::size_t lda = S::kMR;
    if (direct_a) {
      a = g.a.data + static_cast<std::ptrdiff_t>(ic + ir) * g.a.rs + static_cast<std::ptrdiff_t>(pc) * g.a.cs;
      lda = static_cast<std::size_t>(kRowMajorA ? g.a.rs : g.a.cs);
    } else if (pack_a) {
      const auto* src =
          g.a.data + static_cast<std::ptrdiff_t>(ic + ir) * g.a.rs + static_cast<std::ptrdiff_t>(pc) * g.a.cs;
      pack_panel<V, S::kMR>(src, g.a.rs, g.a.cs, mv, kc, ap + ir * kc);
      const std::size_t nir = ir + S::kMR;
      if (S::kPackAhead && nir < mc) next_a.aim(g.a, ic + nir, mc - nir < S::kMR ? mc - nir : S::kMR, pc, kc, panels);
    }
    T* crow = g.c + (ic + ir) * g.ldc + jc;
    const auto& row_kernels = kernels[mv - 1];
    for (std::size_t jr = 0; jr < nc; jr += S::kNR) {
      const std::size_t nv = nc - jr < S::kNR ? nc - jr : S::kNR;
      const bool in_place = direct_b && nv == S::kNR;
      const T* b = in_place ? g.b.data + static_cast<std::ptrdiff_t>(pc) * g.b.rs + (jc + jr) : bp + jr * kc;
      const std::size_t ldb = in_place ? static_cast<std::size_t>(g.b.rs) : S::kNR;
      row_kernels[(nv + V::W - 1) / V::W - 1](kc, a, lda, b, ldb, crow + jr, g.ldc, nv, g.alpha, beta);
      next_b.advance();
      if (pack_a) next_a.advance();
    }
  }
}

// The next B block, packed a few depth rows at a time between micro-kernel calls while the
// current block is multiplied (the next few rows' source lines prefetched one call ahead).
// Packing a whole block at once would read its source from memory with the FMA units idle;
// prefetching the whole source into L2 ahead of time instead makes it compete for L2 with the
// current block, badly for power-of-two row strides (n = 2048 floats: 256 source rows 8 KiB
// apart fill 1/4 of the L2 sets, 16 lines each, with 2 MiB pages).
template <class V, class S>
struct PackStream {
  using T = typename V::T;
  MatRef<T> b{};
  std::size_t p0 = 0, kc = 0, j0 = 0, nc = 0, panels = 0, rows = 0, panel = 0, k = 0;
  T* out = nullptr;
  PackAhead<T> ahead;

  void start(const MatRef<T>& src, std::size_t p, std::size_t depth, std::size_t j, std::size_t cols, T* dst,
             std::size_t calls) {
    b = src, p0 = p, kc = depth, j0 = j, nc = cols, out = dst;
    panels = (nc + S::kNR - 1) / S::kNR;
    panel = k = 0;
    rows = (panels * kc + calls - 1) / (calls != 0 ? calls : 1);
    rows = rows < V::W ? V::W : round_up(rows, V::W);  // whole registers of depth (transposed B)
    prefetch_next();
  }
  void stop() { panel = panels = 0; }
  void prefetch_next() {
    if (panel >= panels) return;
    const std::size_t jp = panel * S::kNR, r = kc - k < rows ? kc - k : rows;
    ahead.aim(b, p0 + k, r, j0 + jp, nc - jp < S::kNR ? nc - jp : S::kNR, 1);
    ahead.advance();
  }
  // Packs the next `rows` depth rows (crossing into the next panel if needed).
  void advance() {
    for (std::size_t todo = rows; todo != 0 && panel < panels;) {
      const std::size_t jp = panel * S::kNR, r = kc - k < todo ? kc - k : todo;
      const auto* base =
          b.data + static_cast<std::ptrdiff_t>(p0 + k) * b.rs + static_cast<std::ptrdiff_t>(j0 + jp) * b.cs;
      pack_panel<V, S::kNR>(base, b.cs, b.rs, nc - jp < S::kNR ? nc - jp : S::kNR, r, out + jp * kc + k * S::kNR);
      k += r, todo -= r;
      if (k == kc) k = 0, ++panel;
    }
    prefetch_next();
  }
  void finish() {
    while (panel < panels) advance();
  }
};

// The block C[i0:i1, j0:j1]. Loop order (outer to inner): A blocks of kMC rows, depth blocks
// of kKC, B blocks of kNC columns, A micro-panels (held in L1; packed just before their first
// use, during the first B block, the next one's source prefetched meanwhile), B micro-panels
// (streamed from L2), micro-kernel. Two B block buffers: the next B block is packed into one
// while the current one is multiplied from the other (PackStream). Small problems read A
// (row-major or transposed) and B (row-major) in place; only a partial last B panel is packed
// (zero-padded, so that every B load is a whole register inside the buffer).
template <class V, class S = GemmShape<V>>
void gemm(const GemmArgs<typename V::T>& g, std::size_t i0, std::size_t i1, std::size_t j0, std::size_t j1,
          typename V::T* scratch) {
  using T = typename V::T;
  T* const ap = scratch;
  T* bp = scratch + a_block_elems<V, S>(i1 - i0, g.k);
  T* bp_next = bp + b_block_elems<V, S>(j1 - j0, g.k);
  const bool small = ((i1 - i0) * g.k + g.k * (j1 - j0)) * sizeof(T) <= S::kDirectBytes &&
                     g.k * (j1 - j0) * sizeof(T) <= S::kDirectBBytes;
  const bool direct_a = small && (g.a.cs == 1 || g.a.rs == 1), row_major_a = direct_a && g.a.cs == 1;
  const bool direct_b = small && g.b.cs == 1;
  PackStream<V, S> next_b;
  PackAhead<T> next_a;
  bool packed = false;  // the current B block was packed by next_b
  for (std::size_t ic = i0; ic < i1; ic += S::kMC) {
    const std::size_t mc = i1 - ic < S::kMC ? i1 - ic : S::kMC;
    for (std::size_t pc = 0; pc < g.k; pc += S::kKC) {
      const std::size_t kc = g.k - pc < S::kKC ? g.k - pc : S::kKC;
      const T beta = pc == 0 ? g.beta : T(1);  // later depth blocks accumulate onto C
      for (std::size_t jc = j0; jc < j1; jc += S::kNC) {
        const std::size_t nc = j1 - jc < S::kNC ? j1 - jc : S::kNC;
        if (!packed) pack_b<V, S>(g.b, pc, kc, jc, nc, bp, direct_b);
        next_b.stop();
        if (S::kPackAhead && !small) {  // the next B block in loop order
          std::size_t np = pc, nj = jc + S::kNC;
          if (nj >= j1) nj = j0, np = pc + S::kKC;
          const bool last = np >= g.k && ic + S::kMC >= i1;
          if (np >= g.k) np = 0;
          const std::size_t nkc = g.k - np < S::kKC ? g.k - np : S::kKC, nnc = j1 - nj < S::kNC ? j1 - nj : S::kNC;
          if (!last)
            next_b.start(g.b, np, nkc, nj, nnc, bp_next, (mc + S::kMR - 1) / S::kMR * ((nc + S::kNR - 1) / S::kNR));
        }
        const bool pack_a = !direct_a && jc == j0;
        if (row_major_a)
          macro_block<V, S, true>(g, ic, mc, pc, kc, jc, nc, beta, ap, true, false, bp, direct_b, next_b, next_a);
        else
          macro_block<V, S, false>(g, ic, mc, pc, kc, jc, nc, beta, ap, direct_a, pack_a, bp, direct_b, next_b, next_a);
        packed = next_b.panels != 0;
        if (packed) {
          next_b.finish();
          T* t = bp;
          bp = bp_next, bp_next = t;
        }
      }
    }
  }
}

}  // namespace mm
