// vec_avx2.hpp: the SIMD wrapper for AVX2 + FMA, 8 floats / 4 doubles per ymm.
// Included inside namespace trueno::cpu::avx2 and its target region (isa/avx2.cpp).
// Lane masks are full-width vectors (all ones / all zeros), as the compare instructions give.

struct VF64 {
  using T = double;
  using R = __m256d;
  using M = __m256d;
  using Acc = VF64;
  static constexpr std::size_t W = 4;
  static constexpr std::size_t kWide = 8;

  // Lanes [0, n) set: vpmaskmov never touches (or faults on) the lanes left out.
  static __m256i tail(std::size_t n) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(static_cast<long long>(n)), _mm256_setr_epi64x(0, 1, 2, 3));
  }
  static R load(const T* p) { return _mm256_loadu_pd(p); }
  static void store(T* p, R v) { _mm256_storeu_pd(p, v); }
  static R load_partial(const T* p, std::size_t n, T fill) {
    const __m256i m = tail(n);
    return _mm256_blendv_pd(_mm256_set1_pd(fill), _mm256_maskload_pd(p, m), _mm256_castsi256_pd(m));
  }
  static void store_partial(T* p, std::size_t n, R v) { _mm256_maskstore_pd(p, tail(n), v); }
#include "cpu/simd/vec_wide_f64.inl"

  static R set1(T v) { return _mm256_set1_pd(v); }
  static R zero() { return _mm256_setzero_pd(); }
  static R add(R a, R b) { return _mm256_add_pd(a, b); }
  static R sub(R a, R b) { return _mm256_sub_pd(a, b); }
  static R mul(R a, R b) { return _mm256_mul_pd(a, b); }
  static R div(R a, R b) { return _mm256_div_pd(a, b); }
  static R fmadd(R a, R b, R c) { return _mm256_fmadd_pd(a, b, c); }
  static R fma_exact(R a, R b, R c) { return _mm256_fmadd_pd(a, b, c); }
  static R min(R a, R b) { return _mm256_min_pd(a, b); }
  static R max(R a, R b) { return _mm256_max_pd(a, b); }
  static R sqrt(R a) { return _mm256_sqrt_pd(a); }
  static R abs(R a) { return _mm256_andnot_pd(_mm256_set1_pd(-0.0), a); }
  static R neg(R a) { return _mm256_xor_pd(a, _mm256_set1_pd(-0.0)); }
  static R copysign(R mag, R sgn) {
    const R s = _mm256_set1_pd(-0.0);
    return _mm256_or_pd(_mm256_andnot_pd(s, mag), _mm256_and_pd(s, sgn));
  }
  static R floor(R a) { return _mm256_round_pd(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  static R ceil(R a) { return _mm256_round_pd(a, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC); }
  static R trunc(R a) { return _mm256_round_pd(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  static R round(R a) { return _mm256_round_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }

  static M lt(R a, R b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }
  static M le(R a, R b) { return _mm256_cmp_pd(a, b, _CMP_LE_OQ); }
  static M gt(R a, R b) { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
  static M ge(R a, R b) { return _mm256_cmp_pd(a, b, _CMP_GE_OQ); }
  static M eq(R a, R b) { return _mm256_cmp_pd(a, b, _CMP_EQ_OQ); }
  static M isnan(R a) { return _mm256_cmp_pd(a, a, _CMP_UNORD_Q); }
  static R select(M m, R a, R b) { return _mm256_blendv_pd(b, a, m); }
  static M mand(M a, M b) { return _mm256_and_pd(a, b); }
  static M mor(M a, M b) { return _mm256_or_pd(a, b); }
  static M mnot(M a) { return _mm256_xor_pd(a, _mm256_castsi256_pd(_mm256_set1_epi64x(-1))); }
  static bool any(M m) { return _mm256_movemask_pd(m) != 0; }

  static T reduce_add(R a) {
    __m128d t = _mm_add_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd(a, 1));
    return _mm_cvtsd_f64(_mm_add_sd(t, _mm_unpackhi_pd(t, t)));
  }
  static T reduce_min(R a) {
    __m128d t = _mm_min_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd(a, 1));
    return _mm_cvtsd_f64(_mm_min_sd(t, _mm_unpackhi_pd(t, t)));
  }
  static T reduce_max(R a) {
    __m128d t = _mm_max_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd(a, 1));
    return _mm_cvtsd_f64(_mm_max_sd(t, _mm_unpackhi_pd(t, t)));
  }

  // ---- math primitives ----
  static R fnmadd(R a, R b, R c) { return _mm256_fnmadd_pd(a, b, c); }  // c - a b, fused
  static R fmsub(R a, R b, R c) { return _mm256_fmsub_pd(a, b, c); }    // a b - c, fused
  static R round_small(R a) { return round(a); }                        // |a| < 2^22 / 2^51 (exact here everywhere)
  using I = __m256i;
  static constexpr int kMantBits = 52;
  static constexpr bool kFusedFma = true;
  static I bits(R a) { return _mm256_castpd_si256(a); }
  static R from_bits(I a) { return _mm256_castsi256_pd(a); }
  static I iset1(std::int64_t v) { return _mm256_set1_epi64x(v); }
  static I iadd(I a, I b) { return _mm256_add_epi64(a, b); }
  static I isub(I a, I b) { return _mm256_sub_epi64(a, b); }
  static I iand(I a, I b) { return _mm256_and_si256(a, b); }
  static I ior(I a, I b) { return _mm256_or_si256(a, b); }
  template <int N>
  static I shl(I a) {
    return _mm256_slli_epi64(a, N);
  }
  template <int N>
  static I shr(I a) {
    return _mm256_srli_epi64(a, N);
  }
#include "cpu/simd/vec_magic_f64.inl"
  static R pow2i(R k) { return from_bits(shl<52>(iadd(to_int(k), iset1(1023)))); }
  static R ldexp(R x, R k) { return ldexp_split<VF64, 52, 1023>(x, k); }  // vec_common.hpp

  // ---- matrix primitives ----
  static constexpr std::size_t kRegisters = 16;  // ymm0-15: sizes the GEMM register tile
  static void prefetch(const void* p) { _mm_prefetch(static_cast<const char*>(p), _MM_HINT_T0); }
  // Non-temporal store of a whole register to a register-aligned p; stream_fence() orders it.
  static void stream(T* p, R v) { _mm256_stream_pd(p, v); }
  static void stream_fence() { _mm_sfence(); }
  // r[0..3] as the rows of a 4x4 block -> its columns.
  static void transpose(R* r) {
    const R t0 = _mm256_unpacklo_pd(r[0], r[1]), t1 = _mm256_unpackhi_pd(r[0], r[1]);
    const R t2 = _mm256_unpacklo_pd(r[2], r[3]), t3 = _mm256_unpackhi_pd(r[2], r[3]);
    r[0] = _mm256_permute2f128_pd(t0, t2, 0x20);
    r[1] = _mm256_permute2f128_pd(t1, t3, 0x20);
    r[2] = _mm256_permute2f128_pd(t0, t2, 0x31);
    r[3] = _mm256_permute2f128_pd(t1, t3, 0x31);
  }
};

struct VF32 {
  using T = float;
  using R = __m256;
  using M = __m256;
  using Acc = VF64;
  static constexpr std::size_t W = 8;
  static constexpr std::size_t kWide = 8;

  static __m256i tail(std::size_t n) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  }
  static R load(const T* p) { return _mm256_loadu_ps(p); }
  static void store(T* p, R v) { _mm256_storeu_ps(p, v); }
  static R load_partial(const T* p, std::size_t n, T fill) {
    const __m256i m = tail(n);
    return _mm256_blendv_ps(_mm256_set1_ps(fill), _mm256_maskload_ps(p, m), _mm256_castsi256_ps(m));
  }
  static void store_partial(T* p, std::size_t n, R v) { _mm256_maskstore_ps(p, tail(n), v); }
  static void widen(R v, Acc::R& lo, Acc::R& hi) {
    lo = _mm256_cvtps_pd(_mm256_castps256_ps128(v));
    hi = _mm256_cvtps_pd(_mm256_extractf128_ps(v, 1));
  }
  static R narrow(Acc::R lo, Acc::R hi) {
    return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm256_cvtpd_ps(lo)), _mm256_cvtpd_ps(hi), 1);
  }
#include "cpu/simd/vec_wide_f32.inl"

  static R set1(T v) { return _mm256_set1_ps(v); }
  static R zero() { return _mm256_setzero_ps(); }
  static R add(R a, R b) { return _mm256_add_ps(a, b); }
  static R sub(R a, R b) { return _mm256_sub_ps(a, b); }
  static R mul(R a, R b) { return _mm256_mul_ps(a, b); }
  static R div(R a, R b) { return _mm256_div_ps(a, b); }
  static R fmadd(R a, R b, R c) { return _mm256_fmadd_ps(a, b, c); }
  static R fma_exact(R a, R b, R c) { return _mm256_fmadd_ps(a, b, c); }
  static R min(R a, R b) { return _mm256_min_ps(a, b); }
  static R max(R a, R b) { return _mm256_max_ps(a, b); }
  static R sqrt(R a) { return _mm256_sqrt_ps(a); }
  static R abs(R a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
  static R neg(R a) { return _mm256_xor_ps(a, _mm256_set1_ps(-0.0f)); }
  static R copysign(R mag, R sgn) {
    const R s = _mm256_set1_ps(-0.0f);
    return _mm256_or_ps(_mm256_andnot_ps(s, mag), _mm256_and_ps(s, sgn));
  }
  static R floor(R a) { return _mm256_round_ps(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  static R ceil(R a) { return _mm256_round_ps(a, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC); }
  static R trunc(R a) { return _mm256_round_ps(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  static R round(R a) { return _mm256_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }

  static M lt(R a, R b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
  static M le(R a, R b) { return _mm256_cmp_ps(a, b, _CMP_LE_OQ); }
  static M gt(R a, R b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
  static M ge(R a, R b) { return _mm256_cmp_ps(a, b, _CMP_GE_OQ); }
  static M eq(R a, R b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
  static M isnan(R a) { return _mm256_cmp_ps(a, a, _CMP_UNORD_Q); }
  static R select(M m, R a, R b) { return _mm256_blendv_ps(b, a, m); }
  static M mand(M a, M b) { return _mm256_and_ps(a, b); }
  static M mor(M a, M b) { return _mm256_or_ps(a, b); }
  static M mnot(M a) { return _mm256_xor_ps(a, _mm256_castsi256_ps(_mm256_set1_epi32(-1))); }
  static bool any(M m) { return _mm256_movemask_ps(m) != 0; }

  static T reduce_add(R a) {
    __m128 t = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    t = _mm_add_ps(t, _mm_movehl_ps(t, t));
    return _mm_cvtss_f32(_mm_add_ss(t, _mm_movehdup_ps(t)));
  }
  static T reduce_min(R a) {
    __m128 t = _mm_min_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    t = _mm_min_ps(t, _mm_movehl_ps(t, t));
    return _mm_cvtss_f32(_mm_min_ss(t, _mm_movehdup_ps(t)));
  }
  static T reduce_max(R a) {
    __m128 t = _mm_max_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    t = _mm_max_ps(t, _mm_movehl_ps(t, t));
    return _mm_cvtss_f32(_mm_max_ss(t, _mm_movehdup_ps(t)));
  }

  // ---- math primitives ----
  static R fnmadd(R a, R b, R c) { return _mm256_fnmadd_ps(a, b, c); }
  static R fmsub(R a, R b, R c) { return _mm256_fmsub_ps(a, b, c); }
  static R round_small(R a) { return round(a); }  // |a| < 2^22 / 2^51 (exact here everywhere)
  using I = __m256i;
  static constexpr int kMantBits = 23;
  static constexpr bool kFusedFma = true;
  static I bits(R a) { return _mm256_castps_si256(a); }
  static R from_bits(I a) { return _mm256_castsi256_ps(a); }
  static I iset1(std::int32_t v) { return _mm256_set1_epi32(v); }
  static I iadd(I a, I b) { return _mm256_add_epi32(a, b); }
  static I isub(I a, I b) { return _mm256_sub_epi32(a, b); }
  static I iand(I a, I b) { return _mm256_and_si256(a, b); }
  static I ior(I a, I b) { return _mm256_or_si256(a, b); }
  template <int N>
  static I shl(I a) {
    return _mm256_slli_epi32(a, N);
  }
  template <int N>
  static I shr(I a) {
    return _mm256_srli_epi32(a, N);
  }
  static I to_int(R a) { return _mm256_cvtps_epi32(a); }  // MXCSR default: nearest even
  static R to_float(I a) { return _mm256_cvtepi32_ps(a); }
  static R pow2i(R k) { return from_bits(shl<23>(iadd(to_int(k), iset1(127)))); }
  static R ldexp(R x, R k) { return ldexp_split<VF32, 23, 127>(x, k); }  // vec_common.hpp
  // tab[i & 15] per lane: two 8-entry permutes, bit 3 of i (moved to the sign) picks one.
  static R lookup16(const T* tab, I i) {
    const R lo = _mm256_permutevar8x32_ps(_mm256_load_ps(tab), i);
    const R hi = _mm256_permutevar8x32_ps(_mm256_load_ps(tab + 8), i);
    return _mm256_blendv_ps(lo, hi, _mm256_castsi256_ps(_mm256_slli_epi32(i, 28)));
  }

  // ---- matrix primitives ----
  static constexpr std::size_t kRegisters = 16;
  static void prefetch(const void* p) { _mm_prefetch(static_cast<const char*>(p), _MM_HINT_T0); }
  static void stream(T* p, R v) { _mm256_stream_ps(p, v); }
  static void stream_fence() { _mm_sfence(); }
  // r[0..7] as the rows of an 8x8 block -> its columns (24 shuffles).
  static void transpose(R* r) {
    R t[8];
    for (int i = 0; i < 4; ++i) {
      t[2 * i] = _mm256_unpacklo_ps(r[2 * i], r[2 * i + 1]);
      t[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    R u[8];  // u[4j + c], lane l: column 4l + c of rows 4j..4j+3
    for (int j = 0; j < 2; ++j) {
      u[4 * j + 0] = _mm256_shuffle_ps(t[4 * j], t[4 * j + 2], 0x44);
      u[4 * j + 1] = _mm256_shuffle_ps(t[4 * j], t[4 * j + 2], 0xEE);
      u[4 * j + 2] = _mm256_shuffle_ps(t[4 * j + 1], t[4 * j + 3], 0x44);
      u[4 * j + 3] = _mm256_shuffle_ps(t[4 * j + 1], t[4 * j + 3], 0xEE);
    }
    for (int c = 0; c < 4; ++c) {
      r[c] = _mm256_permute2f128_ps(u[c], u[4 + c], 0x20);
      r[4 + c] = _mm256_permute2f128_ps(u[c], u[4 + c], 0x31);
    }
  }
};
