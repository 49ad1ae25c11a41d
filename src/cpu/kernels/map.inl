// map.inl: the drivers that apply a per-register function across arrays: 4 registers per
// step (enough independent work to cover load latency; memory-bound ops need no more), then
// single registers, then one masked/partial register for the tail. Loads of a step happen
// before its stores, so an output identical to an input is safe.
// Included inside an ISA namespace and target region.

// Per-element functions called from the map drivers' 4-register loop: GCC's size heuristics would
// otherwise leave some of the four copies out of line (a call per register, with every constant
// register spilled around it).
// The fallback ISAs (scalar, SSE2) define both as plain (vec_scalar.hpp, vec_sse2.hpp): they are
// not the speed targets, and forced inlining there costs ~190 KB of code.
#ifndef TRUENO_MATH_INLINE
#define TRUENO_MATH_INLINE inline __attribute__((always_inline))
#endif
#ifndef TRUENO_LAMBDA_INLINE
#define TRUENO_LAMBDA_INLINE __attribute__((always_inline))
#endif

// The common loop: step(i) is the result register for elements [i, i + W) and partial(i, m)
// for the m < W elements from i. Large outputs (past the same threshold at which glibc's memcpy
// switches) are written with non-temporal stores: no read-for-ownership of the destination
// lines, which measured 0.65-0.8 of memcpy's bandwidth at 10M elements with plain stores.
template <class V, class Step, class Partial>
inline void drive(typename V::T* out, std::size_t n, Step step, Partial partial) {
  using T = typename V::T;
  constexpr std::size_t W = V::W;
  std::size_t i = 0;
  const bool stream = n * sizeof(T) >= stream_threshold_bytes();
  if (stream) {
    // Non-temporal stores need a register-aligned destination: a partial head first.
    const std::size_t mis = (reinterpret_cast<std::uintptr_t>(out) / sizeof(T)) % W;
    if (mis != 0) {
      const std::size_t h = W - mis < n ? W - mis : n;
      V::store_partial(out, h, partial(0, h));
      i = h;
    }
    for (; i + 4 * W <= n; i += 4 * W) {
      const auto r0 = step(i), r1 = step(i + W), r2 = step(i + 2 * W), r3 = step(i + 3 * W);
      V::stream(out + i, r0);
      V::stream(out + i + W, r1);
      V::stream(out + i + 2 * W, r2);
      V::stream(out + i + 3 * W, r3);
    }
    for (; i + W <= n; i += W) V::stream(out + i, step(i));
  } else {
    // All four results (so all loads) before the stores: an output identical to an input is safe.
    for (; i + 4 * W <= n; i += 4 * W) {
      const auto r0 = step(i), r1 = step(i + W), r2 = step(i + 2 * W), r3 = step(i + 3 * W);
      V::store(out + i, r0);
      V::store(out + i + W, r1);
      V::store(out + i + 2 * W, r2);
      V::store(out + i + 3 * W, r3);
    }
    for (; i + W <= n; i += W) V::store(out + i, step(i));
  }
  if (i < n) V::store_partial(out + i, n - i, partial(i, n - i));
  if (stream) V::stream_fence();  // order the streamed lines before whatever signals completion
}

template <class V, class F>
inline void map1(const typename V::T* x, typename V::T* out, std::size_t n, F f) {
  using T = typename V::T;
  drive<V>(
      out, n, [&](std::size_t i) { return f(V::load(x + i)); },
      [&](std::size_t i, std::size_t m) { return f(V::load_partial(x + i, m, T(0))); });
}

// Software prefetch kPrefetchAhead bytes ahead of a read stream, one per cache line of the
// `Bytes` a loop step reads. For the compute-heavy loops (the math driver) on data out of
// the caches: their long per-register dependency chains keep few loads in flight, and the L2
// streamer stops at every 4 KiB page. Measured single-threaded on the 16-core Xeon at 10M
// floats (time / memcpy of the same bytes, interleaved medians, distances 0 / 2 / 4 / 8 KiB):
// exp 0.91 / 0.65 / 0.59 / 0.66, ln 1.49 / 1.18 / 1.13 / 1.18, sigmoid 1.31 / 1.08 / 0.91 / 1.05,
// softplus 1.91 / 1.77 / 1.66 / 1.73, softmax rows of 32K 1.74 / 1.59 / 1.55 / 1.60 (prefetching
// from their maxima pass; the rows prefetch from their exp pass instead: rows.inl); at 1M (L3)
// no change either way. Only past kPrefetchMinBytes (the data may be in L2 below).
inline constexpr std::size_t kPrefetchAhead = 4096;
inline constexpr std::size_t kPrefetchMinBytes = std::size_t{256} << 10;
// One prefetch (into L1) per cache line of the Bytes at p; kWrite: with write intent where the
// target has it (x86 builds without PREFETCHW emit prefetcht0).
template <std::size_t Bytes, bool kWrite = false>
TRUENO_MATH_INLINE void prefetch_lines(const void* p) {
  const char* c = static_cast<const char*>(p);
#pragma GCC unroll 4
  for (std::size_t b = 0; b < Bytes; b += 64) __builtin_prefetch(c + b, kWrite ? 1 : 0, 3);
}
template <std::size_t Bytes, class T>
TRUENO_MATH_INLINE void prefetch_ahead(const T* p) {
  prefetch_lines<Bytes>(reinterpret_cast<const char*>(p) + kPrefetchAhead);
}

// drive_compact: as drive, with one copy of the 4-register body for both store kinds and the
// last < 4 registers through the partial form: for the math kernels, whose per-register
// function is large and forced inline (mth::apply), so every copy counts in code size.
template <class V, class Step, class Partial>
inline void drive_compact(const typename V::T* src, typename V::T* out, std::size_t n, Step step, Partial partial) {
  using T = typename V::T;
  constexpr std::size_t W = V::W;
  std::size_t i = 0;
  const bool stream = n * sizeof(T) >= stream_threshold_bytes();
  const bool ahead = n * sizeof(T) >= kPrefetchMinBytes;  // prefetch src (the input stream)
  if (stream) {
    // Non-temporal stores need a register-aligned destination: a partial head first.
    const std::size_t mis = (reinterpret_cast<std::uintptr_t>(out) / sizeof(T)) % W;
    if (mis != 0) {
      const std::size_t h = W - mis < n ? W - mis : n;
      V::store_partial(out, h, partial(0, h));
      i = h;
    }
  }
  // One copy of the 4-register body for both store kinds (the branch is perfectly predicted).
  // All four results (so all loads) before the stores: an output identical to an input is safe.
  for (; i + 4 * W <= n; i += 4 * W) {
    if (ahead) prefetch_ahead<4 * W * sizeof(T)>(src + i);
    const auto r0 = step(i), r1 = step(i + W), r2 = step(i + 2 * W), r3 = step(i + 3 * W);
    if (stream) {
      V::stream(out + i, r0);
      V::stream(out + i + W, r1);
      V::stream(out + i + 2 * W, r2);
      V::stream(out + i + 3 * W, r3);
    } else {
      V::store(out + i, r0);
      V::store(out + i + W, r1);
      V::store(out + i + 2 * W, r2);
      V::store(out + i + 3 * W, r3);
    }
  }
  // The last < 4 registers through the partial form (masked on AVX-512/AVX2; a second copy only).
  for (; i < n; i += W) {
    const std::size_t m = n - i < W ? n - i : W;
    V::store_partial(out + i, m, partial(i, m));
  }
  if (stream) V::stream_fence();  // order the streamed lines before whatever signals completion
}

// map1 over drive_compact, the per-register function inlined into the loop (mth::apply).
template <class V, class F>
inline void map1_compact(const typename V::T* x, typename V::T* out, std::size_t n, F f) {
  using T = typename V::T;
  drive_compact<V>(
      x, out, n, [&](std::size_t i) TRUENO_LAMBDA_INLINE { return f(V::load(x + i)); },
      [&](std::size_t i, std::size_t m) { return f(V::load_partial(x + i, m, T(0))); });
}

template <class V, class F>
inline void map2(const typename V::T* a, const typename V::T* b, typename V::T* out, std::size_t n, F f) {
  using T = typename V::T;
  drive<V>(
      out, n, [&](std::size_t i) { return f(V::load(a + i), V::load(b + i)); },
      [&](std::size_t i, std::size_t m) {
        return f(V::load_partial(a + i, m, T(0)), V::load_partial(b + i, m, T(1)));
      });
}

template <class V, class F>
inline void map3(const typename V::T* a, const typename V::T* b, const typename V::T* c, typename V::T* out,
                 std::size_t n, F f) {
  using T = typename V::T;
  drive<V>(
      out, n, [&](std::size_t i) { return f(V::load(a + i), V::load(b + i), V::load(c + i)); },
      [&](std::size_t i, std::size_t m) {
        return f(V::load_partial(a + i, m, T(0)), V::load_partial(b + i, m, T(0)), V::load_partial(c + i, m, T(0)));
      });
}

// As map1, but the function sees kWide elements as two double-precision registers
// (float widened), and its two results are rounded back to T on the store.
template <class V, class F>
inline void map1_wide(const typename V::T* x, typename V::T* out, std::size_t n, F f) {
  using A = typename V::Acc;
  constexpr std::size_t S = V::kWide;
  std::size_t i = 0;
  typename A::R lo, hi;
  for (; i + S <= n; i += S) {
    V::load_wide(x + i, lo, hi);
    V::store_wide(out + i, f(lo), f(hi));
  }
  if (i < n) {
    V::load_wide_partial(x + i, n - i, lo, hi, typename V::T(0));
    V::store_wide_partial(out + i, n - i, f(lo), f(hi));
  }
}
