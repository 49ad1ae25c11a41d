// vec_sse2.hpp: the SIMD wrapper for SSE2 (the x86-64 baseline), 4 floats / 2 doubles per xmm.
// Included inside namespace trueno::cpu::sse2 (isa/sse2.cpp). SSE2 has no rounding
// instruction (SSE4.1) and no FMA: rounding uses the 2^23 / 2^52 trick under the default
// round-to-nearest-even mode, and fma_exact goes through double precision (float) or libm.

struct VF64 {
  using T = double;
  using R = __m128d;
  using M = __m128d;
  using Acc = VF64;
  static constexpr std::size_t W = 2;
  static constexpr std::size_t kWide = 4;

  static R load(const T* p) { return _mm_loadu_pd(p); }
  static void store(T* p, R v) { _mm_storeu_pd(p, v); }
  static R load_partial(const T* p, std::size_t n, T fill) { return buffer_load_partial<VF64>(p, n, fill); }
  static void store_partial(T* p, std::size_t n, R v) { buffer_store_partial<VF64>(p, n, v); }
#include "cpu/simd/vec_wide_f64.inl"

  static R set1(T v) { return _mm_set1_pd(v); }
  static R zero() { return _mm_setzero_pd(); }
  static R add(R a, R b) { return _mm_add_pd(a, b); }
  static R sub(R a, R b) { return _mm_sub_pd(a, b); }
  static R mul(R a, R b) { return _mm_mul_pd(a, b); }
  static R div(R a, R b) { return _mm_div_pd(a, b); }
  static R fmadd(R a, R b, R c) { return _mm_add_pd(_mm_mul_pd(a, b), c); }
  static R fma_exact(R a, R b, R c) {
    alignas(16) T x[2], y[2], z[2];
    _mm_store_pd(x, a);
    _mm_store_pd(y, b);
    _mm_store_pd(z, c);
    return _mm_setr_pd(std::fma(x[0], y[0], z[0]), std::fma(x[1], y[1], z[1]));
  }
  static R min(R a, R b) { return _mm_min_pd(a, b); }
  static R max(R a, R b) { return _mm_max_pd(a, b); }
  static R sqrt(R a) { return _mm_sqrt_pd(a); }
  static R abs(R a) { return _mm_andnot_pd(_mm_set1_pd(-0.0), a); }
  static R neg(R a) { return _mm_xor_pd(a, _mm_set1_pd(-0.0)); }
  static R copysign(R mag, R sgn) {
    const R s = _mm_set1_pd(-0.0);
    return _mm_or_pd(_mm_andnot_pd(s, mag), _mm_and_pd(s, sgn));
  }
#include "cpu/simd/vec_sse2_round.inl"

  static M lt(R a, R b) { return _mm_cmplt_pd(a, b); }
  static M le(R a, R b) { return _mm_cmple_pd(a, b); }
  static M gt(R a, R b) { return _mm_cmpgt_pd(a, b); }
  static M ge(R a, R b) { return _mm_cmpge_pd(a, b); }
  static M eq(R a, R b) { return _mm_cmpeq_pd(a, b); }
  static M isnan(R a) { return _mm_cmpunord_pd(a, a); }
  static R select(M m, R a, R b) { return _mm_or_pd(_mm_and_pd(m, a), _mm_andnot_pd(m, b)); }
  static M mand(M a, M b) { return _mm_and_pd(a, b); }
  static M mor(M a, M b) { return _mm_or_pd(a, b); }
  static M mnot(M a) { return _mm_xor_pd(a, _mm_castsi128_pd(_mm_set1_epi32(-1))); }
  static bool any(M m) { return _mm_movemask_pd(m) != 0; }

  static T reduce_add(R a) { return _mm_cvtsd_f64(_mm_add_sd(a, _mm_unpackhi_pd(a, a))); }
  static T reduce_min(R a) { return _mm_cvtsd_f64(_mm_min_sd(a, _mm_unpackhi_pd(a, a))); }
  static T reduce_max(R a) { return _mm_cvtsd_f64(_mm_max_sd(a, _mm_unpackhi_pd(a, a))); }

  // ---- math primitives ----
  static R fnmadd(R a, R b, R c) { return sub(c, mul(a, b)); }  // as fmadd(-a, b, c): two roundings
  static R fmsub(R a, R b, R c) { return sub(mul(a, b), c); }
  // (kernels/math_core.inl: no forced inlining of the math functions on this fallback ISA)
#define TRUENO_MATH_INLINE inline
#define TRUENO_LAMBDA_INLINE
  static R round_small(R a) { return round(a); }  // |a| < 2^22 / 2^51 (exact here everywhere)
  using I = __m128i;
  static constexpr int kMantBits = 52;
  static constexpr bool kFusedFma = false;
  static I bits(R a) { return _mm_castpd_si128(a); }
  static R from_bits(I a) { return _mm_castsi128_pd(a); }
  static I iset1(std::int64_t v) { return _mm_set1_epi64x(v); }
  static I iadd(I a, I b) { return _mm_add_epi64(a, b); }
  static I isub(I a, I b) { return _mm_sub_epi64(a, b); }
  static I iand(I a, I b) { return _mm_and_si128(a, b); }
  static I ior(I a, I b) { return _mm_or_si128(a, b); }
  template <int N>
  static I shl(I a) {
    return _mm_slli_epi64(a, N);
  }
  template <int N>
  static I shr(I a) {
    return _mm_srli_epi64(a, N);
  }
#include "cpu/simd/vec_magic_f64.inl"
  static R pow2i(R k) { return from_bits(shl<52>(iadd(to_int(k), iset1(1023)))); }
  static R ldexp(R x, R k) { return ldexp_split<VF64, 52, 1023>(x, k); }  // vec_common.hpp

  // ---- matrix primitives ----
  static constexpr std::size_t kRegisters = 16;  // xmm0-15: sizes the GEMM register tile
  static void prefetch(const void* p) { _mm_prefetch(static_cast<const char*>(p), _MM_HINT_T0); }
  // Non-temporal store of a whole register to a 16-byte aligned p; stream_fence() orders it.
  static void stream(T* p, R v) { _mm_stream_pd(p, v); }
  static void stream_fence() { _mm_sfence(); }
  // r[0..1] as the rows of a 2x2 block -> its columns.
  static void transpose(R* r) {
    const R t0 = _mm_unpacklo_pd(r[0], r[1]);
    r[1] = _mm_unpackhi_pd(r[0], r[1]);
    r[0] = t0;
  }
};

struct VF32 {
  using T = float;
  using R = __m128;
  using M = __m128;
  using Acc = VF64;
  static constexpr std::size_t W = 4;
  static constexpr std::size_t kWide = 4;

  static R load(const T* p) { return _mm_loadu_ps(p); }
  static void store(T* p, R v) { _mm_storeu_ps(p, v); }
  static R load_partial(const T* p, std::size_t n, T fill) { return buffer_load_partial<VF32>(p, n, fill); }
  static void store_partial(T* p, std::size_t n, R v) { buffer_store_partial<VF32>(p, n, v); }
  static void widen(R v, Acc::R& lo, Acc::R& hi) {
    lo = _mm_cvtps_pd(v);
    hi = _mm_cvtps_pd(_mm_movehl_ps(v, v));
  }
  static R narrow(Acc::R lo, Acc::R hi) { return _mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi)); }
#include "cpu/simd/vec_wide_f32.inl"

  static R set1(T v) { return _mm_set1_ps(v); }
  static R zero() { return _mm_setzero_ps(); }
  static R add(R a, R b) { return _mm_add_ps(a, b); }
  static R sub(R a, R b) { return _mm_sub_ps(a, b); }
  static R mul(R a, R b) { return _mm_mul_ps(a, b); }
  static R div(R a, R b) { return _mm_div_ps(a, b); }
  static R fmadd(R a, R b, R c) { return _mm_add_ps(_mm_mul_ps(a, b), c); }
  // The float product is exact in double; one double rounding then the float rounding.
  static R fma_exact(R a, R b, R c) {
    Acc::R al, ah, bl, bh, cl, ch;
    widen(a, al, ah);
    widen(b, bl, bh);
    widen(c, cl, ch);
    return narrow(_mm_add_pd(_mm_mul_pd(al, bl), cl), _mm_add_pd(_mm_mul_pd(ah, bh), ch));
  }
  static R min(R a, R b) { return _mm_min_ps(a, b); }
  static R max(R a, R b) { return _mm_max_ps(a, b); }
  static R sqrt(R a) { return _mm_sqrt_ps(a); }
  static R abs(R a) { return _mm_andnot_ps(_mm_set1_ps(-0.0f), a); }
  static R neg(R a) { return _mm_xor_ps(a, _mm_set1_ps(-0.0f)); }
  static R copysign(R mag, R sgn) {
    const R s = _mm_set1_ps(-0.0f);
    return _mm_or_ps(_mm_andnot_ps(s, mag), _mm_and_ps(s, sgn));
  }
#include "cpu/simd/vec_sse2_round.inl"

  static M lt(R a, R b) { return _mm_cmplt_ps(a, b); }
  static M le(R a, R b) { return _mm_cmple_ps(a, b); }
  static M gt(R a, R b) { return _mm_cmpgt_ps(a, b); }
  static M ge(R a, R b) { return _mm_cmpge_ps(a, b); }
  static M eq(R a, R b) { return _mm_cmpeq_ps(a, b); }
  static M isnan(R a) { return _mm_cmpunord_ps(a, a); }
  static R select(M m, R a, R b) { return _mm_or_ps(_mm_and_ps(m, a), _mm_andnot_ps(m, b)); }
  static M mand(M a, M b) { return _mm_and_ps(a, b); }
  static M mor(M a, M b) { return _mm_or_ps(a, b); }
  static M mnot(M a) { return _mm_xor_ps(a, _mm_castsi128_ps(_mm_set1_epi32(-1))); }
  static bool any(M m) { return _mm_movemask_ps(m) != 0; }

  static T reduce_add(R a) {
    const R t = _mm_add_ps(a, _mm_movehl_ps(a, a));
    return _mm_cvtss_f32(_mm_add_ss(t, _mm_shuffle_ps(t, t, 1)));
  }
  static T reduce_min(R a) {
    const R t = _mm_min_ps(a, _mm_movehl_ps(a, a));
    return _mm_cvtss_f32(_mm_min_ss(t, _mm_shuffle_ps(t, t, 1)));
  }
  static T reduce_max(R a) {
    const R t = _mm_max_ps(a, _mm_movehl_ps(a, a));
    return _mm_cvtss_f32(_mm_max_ss(t, _mm_shuffle_ps(t, t, 1)));
  }

  // ---- math primitives ----
  static R fnmadd(R a, R b, R c) { return sub(c, mul(a, b)); }
  static R fmsub(R a, R b, R c) { return sub(mul(a, b), c); }
  static R round_small(R a) { return round(a); }  // |a| < 2^22 / 2^51 (exact here everywhere)
  using I = __m128i;
  static constexpr int kMantBits = 23;
  static constexpr bool kFusedFma = false;
  static I bits(R a) { return _mm_castps_si128(a); }
  static R from_bits(I a) { return _mm_castsi128_ps(a); }
  static I iset1(std::int32_t v) { return _mm_set1_epi32(v); }
  static I iadd(I a, I b) { return _mm_add_epi32(a, b); }
  static I isub(I a, I b) { return _mm_sub_epi32(a, b); }
  static I iand(I a, I b) { return _mm_and_si128(a, b); }
  static I ior(I a, I b) { return _mm_or_si128(a, b); }
  template <int N>
  static I shl(I a) {
    return _mm_slli_epi32(a, N);
  }
  template <int N>
  static I shr(I a) {
    return _mm_srli_epi32(a, N);
  }
  static I to_int(R a) { return _mm_cvtps_epi32(a); }  // MXCSR default: nearest even
  static R to_float(I a) { return _mm_cvtepi32_ps(a); }
  static R pow2i(R k) { return from_bits(shl<23>(iadd(to_int(k), iset1(127)))); }
  static R ldexp(R x, R k) { return ldexp_split<VF32, 23, 127>(x, k); }  // vec_common.hpp
  static R lookup16(const T* tab, I i) {                                 // tab[i & 15] per lane, through memory
    alignas(16) std::int32_t ix[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(ix), i);
    return _mm_setr_ps(tab[ix[0] & 15], tab[ix[1] & 15], tab[ix[2] & 15], tab[ix[3] & 15]);
  }

  // ---- matrix primitives ----
  static constexpr std::size_t kRegisters = 16;
  static void prefetch(const void* p) { _mm_prefetch(static_cast<const char*>(p), _MM_HINT_T0); }
  static void stream(T* p, R v) { _mm_stream_ps(p, v); }
  static void stream_fence() { _mm_sfence(); }
  // r[0..3] as the rows of a 4x4 block -> its columns.
  static void transpose(R* r) {
    const R t0 = _mm_unpacklo_ps(r[0], r[1]), t1 = _mm_unpackhi_ps(r[0], r[1]);
    const R t2 = _mm_unpacklo_ps(r[2], r[3]), t3 = _mm_unpackhi_ps(r[2], r[3]);
    r[0] = _mm_movelh_ps(t0, t2);
    r[1] = _mm_movehl_ps(t2, t0);
    r[2] = _mm_movelh_ps(t1, t3);
    r[3] = _mm_movehl_ps(t3, t1);
  }
};
