// vec_avx512.hpp: the SIMD wrapper for AVX-512 (F/BW/DQ/VL), 16 floats / 8 doubles per zmm.
// Included inside namespace trueno::cpu::avx512 and its target region (isa/avx512.cpp).

// The logarithms' IEEE specials for vfixupimm (VF32/VF64::log_specials): one response nibble
// per class of x, from QNaN (low) to x > 0 (high): QNaN, SNaN -> x quieted; +-0 -> -inf;
// +1 -> y; -inf -> default NaN; +inf -> +inf; x < 0 -> default NaN; x > 0 -> y. Same values as
// mth::log_specials; NaN sign and payload may differ.
inline constexpr std::int32_t kLogFixupTable = 0x03530422;

struct VF64 {
  using T = double;
  using R = __m512d;
  using M = __mmask8;
  using Acc = VF64;
  static constexpr std::size_t W = 8;
  static constexpr std::size_t kWide = 16;

  static M tail(std::size_t n) { return static_cast<M>((1u << n) - 1u); }
  static R load(const T* p) { return _mm512_loadu_pd(p); }
  static void store(T* p, R v) { _mm512_storeu_pd(p, v); }
  static R load_partial(const T* p, std::size_t n, T fill) {
    return _mm512_mask_loadu_pd(_mm512_set1_pd(fill), tail(n), p);
  }
  static void store_partial(T* p, std::size_t n, R v) { _mm512_mask_storeu_pd(p, tail(n), v); }
#include "cpu/simd/vec_wide_f64.inl"

  static R set1(T v) { return _mm512_set1_pd(v); }
  static R zero() { return _mm512_setzero_pd(); }
  static R add(R a, R b) { return _mm512_add_pd(a, b); }
  static R sub(R a, R b) { return _mm512_sub_pd(a, b); }
  static R mul(R a, R b) { return _mm512_mul_pd(a, b); }
  static R div(R a, R b) { return _mm512_div_pd(a, b); }
  static R fmadd(R a, R b, R c) { return _mm512_fmadd_pd(a, b, c); }
  static R fma_exact(R a, R b, R c) { return _mm512_fmadd_pd(a, b, c); }
  static R min(R a, R b) { return _mm512_min_pd(a, b); }
  static R max(R a, R b) { return _mm512_max_pd(a, b); }
  static R sqrt(R a) { return _mm512_sqrt_pd(a); }
  static R abs(R a) { return _mm512_abs_pd(a); }
  static R neg(R a) { return _mm512_xor_pd(a, _mm512_set1_pd(-0.0)); }
  static R copysign(R mag, R sgn) {
    // bit select: sign bit from sgn, the rest from mag (imm 0xE4 = (A & C) | (B & ~C)).
    const __m512i sign = _mm512_set1_epi64(static_cast<long long>(0x8000000000000000ULL));
    return _mm512_castsi512_pd(
        _mm512_ternarylogic_epi64(_mm512_castpd_si512(sgn), _mm512_castpd_si512(mag), sign, 0xE4));
  }
  static R floor(R a) { return _mm512_roundscale_pd(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  static R ceil(R a) { return _mm512_roundscale_pd(a, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC); }
  static R trunc(R a) { return _mm512_roundscale_pd(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  static R round(R a) { return _mm512_roundscale_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }

  static M lt(R a, R b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
  static M le(R a, R b) { return _mm512_cmp_pd_mask(a, b, _CMP_LE_OQ); }
  static M gt(R a, R b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
  static M ge(R a, R b) { return _mm512_cmp_pd_mask(a, b, _CMP_GE_OQ); }
  static M eq(R a, R b) { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
  static M isnan(R a) { return _mm512_cmp_pd_mask(a, a, _CMP_UNORD_Q); }
  static R select(M m, R a, R b) { return _mm512_mask_blend_pd(m, b, a); }
  static M mand(M a, M b) { return static_cast<M>(a & b); }
  static M mor(M a, M b) { return static_cast<M>(a | b); }
  static M mnot(M a) { return static_cast<M>(~a); }
  static bool any(M m) { return m != 0; }

  static T reduce_add(R a) {
    __m256d s = _mm256_add_pd(_mm512_castpd512_pd256(a), _mm512_extractf64x4_pd(a, 1));
    __m128d t = _mm_add_pd(_mm256_castpd256_pd128(s), _mm256_extractf128_pd(s, 1));
    return _mm_cvtsd_f64(_mm_add_sd(t, _mm_unpackhi_pd(t, t)));
  }
  static T reduce_min(R a) {
    __m256d s = _mm256_min_pd(_mm512_castpd512_pd256(a), _mm512_extractf64x4_pd(a, 1));
    __m128d t = _mm_min_pd(_mm256_castpd256_pd128(s), _mm256_extractf128_pd(s, 1));
    return _mm_cvtsd_f64(_mm_min_sd(t, _mm_unpackhi_pd(t, t)));
  }
  static T reduce_max(R a) {
    __m256d s = _mm256_max_pd(_mm512_castpd512_pd256(a), _mm512_extractf64x4_pd(a, 1));
    __m128d t = _mm_max_pd(_mm256_castpd256_pd128(s), _mm256_extractf128_pd(s, 1));
    return _mm_cvtsd_f64(_mm_max_sd(t, _mm_unpackhi_pd(t, t)));
  }

  // ---- math primitives ----
  static R fnmadd(R a, R b, R c) { return _mm512_fnmadd_pd(a, b, c); }  // c - a b, fused
  static R fmsub(R a, R b, R c) { return _mm512_fmsub_pd(a, b, c); }    // a b - c, fused
  static R round_small(R a) { return round(a); }                        // |a| < 2^22 / 2^51 (exact here everywhere)
  using I = __m512i;
  static constexpr int kMantBits = 52;
  static constexpr bool kFusedFma = true;
  static I bits(R a) { return _mm512_castpd_si512(a); }
  static R from_bits(I a) { return _mm512_castsi512_pd(a); }
  static I iset1(std::int64_t v) { return _mm512_set1_epi64(v); }
  static I iadd(I a, I b) { return _mm512_add_epi64(a, b); }
  static I isub(I a, I b) { return _mm512_sub_epi64(a, b); }
  static I iand(I a, I b) { return _mm512_and_si512(a, b); }
  static I ior(I a, I b) { return _mm512_or_si512(a, b); }
  template <int N>
  static I shl(I a) {
    return _mm512_slli_epi64(a, N);
  }
  template <int N>
  static I shr(I a) {
    return _mm512_srli_epi64(a, N);
  }
  static I to_int(R a) { return _mm512_cvtpd_epi64(a); }
  static R to_float(I a) { return _mm512_cvtepi64_pd(a); }
  static R pow2i(R k) { return from_bits(shl<52>(iadd(to_int(k), iset1(1023)))); }
  static R get_exp(R a) { return _mm512_getexp_pd(a); }  // as VF32's
  static R get_mant(R a) { return _mm512_getmant_pd(a, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_zero); }
  static R log_specials(R y, R x) { return _mm512_fixupimm_pd(y, x, _mm512_set1_epi64(kLogFixupTable), 0); }
  // vscalefpd: x * 2^floor(k), one rounding, the same result as the two-step product.
  static R ldexp(R x, R k) { return _mm512_scalef_pd(x, k); }
  // x * 2^k in the lanes of m, x itself in the others (one merge-masked vscalefpd).
  static R ldexp_where(M m, R x, R k) { return _mm512_mask_scalef_pd(x, m, x, k); }
  // x * 2^k in the lanes of m, +0 in the others, which are not computed (one zero-masked
  // vscalefpd: no masked-off lane raises a flag or underflows).
  static R ldexp_maskz(M m, R x, R k) { return _mm512_maskz_scalef_pd(m, x, k); }
  static M nlt(R a, R b) { return _mm512_cmp_pd_mask(a, b, _CMP_NLT_UQ); }  // !(a < b): NaN lanes set

  // ---- matrix primitives ----
  static constexpr std::size_t kRegisters = 32;  // zmm0-31: sizes the GEMM register tile
  static void prefetch(const void* p) { _mm_prefetch(static_cast<const char*>(p), _MM_HINT_T0); }
  // Non-temporal store of a whole register to a 64-byte aligned p (bypasses the caches: no read
  // for ownership); stream_fence() orders them before later stores.
  static void stream(T* p, R v) { _mm512_stream_pd(p, v); }
  static void stream_fence() { _mm_sfence(); }
  // r[0..7] as the rows of an 8x8 block -> its columns: 8 unpacks, then a 4x4 transpose of
  // the 128-bit lanes (16 shuffle_f64x2).
  static void transpose(R* r) {
    R t[8];
    for (int i = 0; i < 4; ++i) {
      t[2 * i] = _mm512_unpacklo_pd(r[2 * i], r[2 * i + 1]);      // lane l: column 2l
      t[2 * i + 1] = _mm512_unpackhi_pd(r[2 * i], r[2 * i + 1]);  // lane l: column 2l+1
    }
    for (int c = 0; c < 2; ++c) {
      const R v0 = _mm512_shuffle_f64x2(t[c], t[2 + c], 0x88), v1 = _mm512_shuffle_f64x2(t[c], t[2 + c], 0xDD);
      const R v2 = _mm512_shuffle_f64x2(t[4 + c], t[6 + c], 0x88), v3 = _mm512_shuffle_f64x2(t[4 + c], t[6 + c], 0xDD);
      r[c] = _mm512_shuffle_f64x2(v0, v2, 0x88);
      r[4 + c] = _mm512_shuffle_f64x2(v0, v2, 0xDD);
      r[2 + c] = _mm512_shuffle_f64x2(v1, v3, 0x88);
      r[6 + c] = _mm512_shuffle_f64x2(v1, v3, 0xDD);
    }
  }
};

struct VF32 {
  using T = float;
  using R = __m512;
  using M = __mmask16;
  using Acc = VF64;
  static constexpr std::size_t W = 16;
  static constexpr std::size_t kWide = 16;

  static M tail(std::size_t n) { return static_cast<M>((1u << n) - 1u); }
  static R load(const T* p) { return _mm512_loadu_ps(p); }
  static void store(T* p, R v) { _mm512_storeu_ps(p, v); }
  static R load_partial(const T* p, std::size_t n, T fill) {
    return _mm512_mask_loadu_ps(_mm512_set1_ps(fill), tail(n), p);
  }
  static void store_partial(T* p, std::size_t n, R v) { _mm512_mask_storeu_ps(p, tail(n), v); }
  static void widen(R v, Acc::R& lo, Acc::R& hi) {
    lo = _mm512_cvtps_pd(_mm512_castps512_ps256(v));
    hi = _mm512_cvtps_pd(_mm512_extractf32x8_ps(v, 1));
  }
  static R narrow(Acc::R lo, Acc::R hi) {
    return _mm512_insertf32x8(_mm512_castps256_ps512(_mm512_cvtpd_ps(lo)), _mm512_cvtpd_ps(hi), 1);
  }
#include "cpu/simd/vec_wide_f32.inl"

  static R set1(T v) { return _mm512_set1_ps(v); }
  static R zero() { return _mm512_setzero_ps(); }
  static R add(R a, R b) { return _mm512_add_ps(a, b); }
  static R sub(R a, R b) { return _mm512_sub_ps(a, b); }
  static R mul(R a, R b) { return _mm512_mul_ps(a, b); }
  static R div(R a, R b) { return _mm512_div_ps(a, b); }
  static R fmadd(R a, R b, R c) { return _mm512_fmadd_ps(a, b, c); }
  static R fma_exact(R a, R b, R c) { return _mm512_fmadd_ps(a, b, c); }
  static R min(R a, R b) { return _mm512_min_ps(a, b); }
  static R max(R a, R b) { return _mm512_max_ps(a, b); }
  static R sqrt(R a) { return _mm512_sqrt_ps(a); }
  static R abs(R a) { return _mm512_abs_ps(a); }
  static R neg(R a) { return _mm512_xor_ps(a, _mm512_set1_ps(-0.0f)); }
  static R copysign(R mag, R sgn) {
    const __m512i sign = _mm512_set1_epi32(static_cast<int>(0x80000000u));
    return _mm512_castsi512_ps(
        _mm512_ternarylogic_epi32(_mm512_castps_si512(sgn), _mm512_castps_si512(mag), sign, 0xE4));
  }
  static R floor(R a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC); }
  static R ceil(R a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_POS_INF | _MM_FROUND_NO_EXC); }
  static R trunc(R a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC); }
  static R round(R a) { return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }

  static M lt(R a, R b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
  static M le(R a, R b) { return _mm512_cmp_ps_mask(a, b, _CMP_LE_OQ); }
  static M gt(R a, R b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
  static M ge(R a, R b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ); }
  static M eq(R a, R b) { return _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ); }
  static M isnan(R a) { return _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q); }
  static R select(M m, R a, R b) { return _mm512_mask_blend_ps(m, b, a); }
  static M mand(M a, M b) { return static_cast<M>(a & b); }
  static M mor(M a, M b) { return static_cast<M>(a | b); }
  static M mnot(M a) { return static_cast<M>(~a); }
  static bool any(M m) { return m != 0; }

  static T reduce_add(R a) {
    __m256 s = _mm256_add_ps(_mm512_castps512_ps256(a), _mm512_extractf32x8_ps(a, 1));
    __m128 t = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
    t = _mm_add_ps(t, _mm_movehl_ps(t, t));
    return _mm_cvtss_f32(_mm_add_ss(t, _mm_movehdup_ps(t)));
  }
  static T reduce_min(R a) {
    __m256 s = _mm256_min_ps(_mm512_castps512_ps256(a), _mm512_extractf32x8_ps(a, 1));
    __m128 t = _mm_min_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
    t = _mm_min_ps(t, _mm_movehl_ps(t, t));
    return _mm_cvtss_f32(_mm_min_ss(t, _mm_movehdup_ps(t)));
  }
  static T reduce_max(R a) {
    __m256 s = _mm256_max_ps(_mm512_castps512_ps256(a), _mm512_extractf32x8_ps(a, 1));
    __m128 t = _mm_max_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
    t = _mm_max_ps(t, _mm_movehl_ps(t, t));
    return _mm_cvtss_f32(_mm_max_ss(t, _mm_movehdup_ps(t)));
  }

  // ---- math primitives ----
  static R fnmadd(R a, R b, R c) { return _mm512_fnmadd_ps(a, b, c); }
  static R fmsub(R a, R b, R c) { return _mm512_fmsub_ps(a, b, c); }
  static R round_small(R a) { return round(a); }  // |a| < 2^22 / 2^51 (exact here everywhere)
  using I = __m512i;
  static constexpr int kMantBits = 23;
  static constexpr bool kFusedFma = true;
  static I bits(R a) { return _mm512_castps_si512(a); }
  static R from_bits(I a) { return _mm512_castsi512_ps(a); }
  static I iset1(std::int32_t v) { return _mm512_set1_epi32(v); }
  static I iadd(I a, I b) { return _mm512_add_epi32(a, b); }
  static I isub(I a, I b) { return _mm512_sub_epi32(a, b); }
  static I iand(I a, I b) { return _mm512_and_si512(a, b); }
  static I ior(I a, I b) { return _mm512_or_si512(a, b); }
  template <int N>
  static I shl(I a) {
    return _mm512_slli_epi32(a, N);
  }
  template <int N>
  static I shr(I a) {
    return _mm512_srli_epi32(a, N);
  }
  static I to_int(R a) { return _mm512_cvtps_epi32(a); }
  static R to_float(I a) { return _mm512_cvtepi32_ps(a); }
  static R pow2i(R k) { return from_bits(shl<23>(iadd(to_int(k), iset1(127)))); }
  // x = 2^get_exp(x) * get_mant(x), get_mant in [1, 2) (sign dropped), denormals included:
  // one instruction each for log_parts' exponent and mantissa (finite x != 0; callers patch the rest).
  static R get_exp(R a) { return _mm512_getexp_ps(a); }
  static R get_mant(R a) { return _mm512_getmant_ps(a, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_zero); }
  // The logarithms' IEEE specials in one instruction (kLogFixupTable above).
  static R log_specials(R y, R x) { return _mm512_fixupimm_ps(y, x, _mm512_set1_epi32(kLogFixupTable), 0); }
  static R ldexp(R x, R k) { return _mm512_scalef_ps(x, k); }
  static R ldexp_where(M m, R x, R k) { return _mm512_mask_scalef_ps(x, m, x, k); }  // as VF64's
  static R ldexp_maskz(M m, R x, R k) { return _mm512_maskz_scalef_ps(m, x, k); }    // as VF64's
  static M nlt(R a, R b) { return _mm512_cmp_ps_mask(a, b, _CMP_NLT_UQ); }           // as VF64's
  // tab[i & 15] per lane (a 16-entry register table; tab 64-byte aligned).
  static R lookup16(const T* tab, I i) { return _mm512_permutexvar_ps(i, _mm512_load_ps(tab)); }

  // ---- matrix primitives ----
  static constexpr std::size_t kRegisters = 32;
  static void prefetch(const void* p) { _mm_prefetch(static_cast<const char*>(p), _MM_HINT_T0); }
  static void stream(T* p, R v) { _mm512_stream_ps(p, v); }
  static void stream_fence() { _mm_sfence(); }
  // r[0..15] as the rows of a 16x16 block -> its columns: unpack pairs, shuffle_ps quads, then
  // a 4x4 transpose of 128-bit lanes (64 shuffles, all on port 5).
  static void transpose(R* r) {
    R t[16];
    for (int i = 0; i < 8; ++i) {
      t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
      t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    R u[16];  // u[4j + c], lane l: column 4l + c of rows 4j..4j+3
    for (int j = 0; j < 4; ++j) {
      u[4 * j + 0] = _mm512_shuffle_ps(t[4 * j], t[4 * j + 2], 0x44);
      u[4 * j + 1] = _mm512_shuffle_ps(t[4 * j], t[4 * j + 2], 0xEE);
      u[4 * j + 2] = _mm512_shuffle_ps(t[4 * j + 1], t[4 * j + 3], 0x44);
      u[4 * j + 3] = _mm512_shuffle_ps(t[4 * j + 1], t[4 * j + 3], 0xEE);
    }
    for (int c = 0; c < 4; ++c) {
      const R v0 = _mm512_shuffle_f32x4(u[c], u[4 + c], 0x88), v1 = _mm512_shuffle_f32x4(u[c], u[4 + c], 0xDD);
      const R v2 = _mm512_shuffle_f32x4(u[8 + c], u[12 + c], 0x88),
              v3 = _mm512_shuffle_f32x4(u[8 + c], u[12 + c], 0xDD);
      r[c] = _mm512_shuffle_f32x4(v0, v2, 0x88);
      r[8 + c] = _mm512_shuffle_f32x4(v0, v2, 0xDD);
      r[4 + c] = _mm512_shuffle_f32x4(v1, v3, 0x88);
      r[12 + c] = _mm512_shuffle_f32x4(v1, v3, 0xDD);
    }
  }
};
