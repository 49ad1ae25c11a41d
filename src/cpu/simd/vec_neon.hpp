// vec_neon.hpp: the SIMD wrapper for AArch64 Advanced SIMD (NEON), 4 floats / 2 doubles per q
// register. Included inside namespace trueno::cpu::neon (isa/neon.cpp); NEON is baseline on
// AArch64, so no target region is needed.

struct VF64 {
  using T = double;
  using R = float64x2_t;
  using M = uint64x2_t;
  using Acc = VF64;
  static constexpr std::size_t W = 2;
  static constexpr std::size_t kWide = 4;

  static R load(const T* p) { return vld1q_f64(p); }
  static void store(T* p, R v) { vst1q_f64(p, v); }
  static R load_partial(const T* p, std::size_t n, T fill) { return buffer_load_partial<VF64>(p, n, fill); }
  static void store_partial(T* p, std::size_t n, R v) { buffer_store_partial<VF64>(p, n, v); }
#include "cpu/simd/vec_wide_f64.inl"

  static R set1(T v) { return vdupq_n_f64(v); }
  static R zero() { return vdupq_n_f64(0.0); }
  static R add(R a, R b) { return vaddq_f64(a, b); }
  static R sub(R a, R b) { return vsubq_f64(a, b); }
  static R mul(R a, R b) { return vmulq_f64(a, b); }
  static R div(R a, R b) { return vdivq_f64(a, b); }
  static R fmadd(R a, R b, R c) { return vfmaq_f64(c, a, b); }
  static R fma_exact(R a, R b, R c) { return vfmaq_f64(c, a, b); }
  static R min(R a, R b) { return vbslq_f64(vcltq_f64(a, b), a, b); }
  static R max(R a, R b) { return vbslq_f64(vcgtq_f64(a, b), a, b); }
  static R sqrt(R a) { return vsqrtq_f64(a); }
  static R abs(R a) { return vabsq_f64(a); }
  static R neg(R a) { return vnegq_f64(a); }
  static R copysign(R mag, R sgn) { return vbslq_f64(vdupq_n_u64(0x8000000000000000ULL), sgn, mag); }
  static R floor(R a) { return vrndmq_f64(a); }
  static R ceil(R a) { return vrndpq_f64(a); }
  static R trunc(R a) { return vrndq_f64(a); }
  static R round(R a) { return vrndnq_f64(a); }

  static M lt(R a, R b) { return vcltq_f64(a, b); }
  static M le(R a, R b) { return vcleq_f64(a, b); }
  static M gt(R a, R b) { return vcgtq_f64(a, b); }
  static M ge(R a, R b) { return vcgeq_f64(a, b); }
  static M eq(R a, R b) { return vceqq_f64(a, b); }
  static M isnan(R a) { return mnot(vceqq_f64(a, a)); }
  static R select(M m, R a, R b) { return vbslq_f64(m, a, b); }
  static M mand(M a, M b) { return vandq_u64(a, b); }
  static M mor(M a, M b) { return vorrq_u64(a, b); }
  static M mnot(M a) { return veorq_u64(a, vdupq_n_u64(~0ULL)); }
  static bool any(M m) { return vmaxvq_u32(vreinterpretq_u32_u64(m)) != 0; }

  static T reduce_add(R a) { return vaddvq_f64(a); }
  static T reduce_min(R a) { return vminvq_f64(a); }
  static T reduce_max(R a) { return vmaxvq_f64(a); }

  // ---- math primitives ----
  static R fnmadd(R a, R b, R c) { return vfmsq_f64(c, a, b); }            // c - a b, fused
  static R fmsub(R a, R b, R c) { return vnegq_f64(vfmsq_f64(c, a, b)); }  // a b - c, fused
  static R round_small(R a) { return round(a); }                           // |a| < 2^22 / 2^51 (exact here everywhere)
  using I = int64x2_t;
  static constexpr int kMantBits = 52;
  static constexpr bool kFusedFma = true;
  static I bits(R a) { return vreinterpretq_s64_f64(a); }
  static R from_bits(I a) { return vreinterpretq_f64_s64(a); }
  static I iset1(std::int64_t v) { return vdupq_n_s64(v); }
  static I iadd(I a, I b) { return vaddq_s64(a, b); }
  static I isub(I a, I b) { return vsubq_s64(a, b); }
  static I iand(I a, I b) { return vandq_s64(a, b); }
  static I ior(I a, I b) { return vorrq_s64(a, b); }
  template <int N>
  static I shl(I a) {
    return vshlq_n_s64(a, N);
  }
  template <int N>
  static I shr(I a) {
    return vreinterpretq_s64_u64(vshrq_n_u64(vreinterpretq_u64_s64(a), N));
  }
  static I to_int(R a) { return vcvtnq_s64_f64(a); }
  static R to_float(I a) { return vcvtq_f64_s64(a); }
  static R pow2i(R k) { return from_bits(shl<52>(iadd(to_int(k), iset1(1023)))); }
  static R ldexp(R x, R k) { return ldexp_split<VF64, 52, 1023>(x, k); }  // vec_common.hpp

  // ---- matrix primitives ----
  static constexpr std::size_t kRegisters = 32;  // v0-v31: sizes the GEMM register tile
  static void prefetch(const void* p) { __builtin_prefetch(p); }
  // A plain store: NEON intrinsics have no non-temporal store of a q register.
  static void stream(T* p, R v) { store(p, v); }
  static void stream_fence() {}
  // r[0..1] as the rows of a 2x2 block -> its columns.
  static void transpose(R* r) {
    const R t0 = vtrn1q_f64(r[0], r[1]);
    r[1] = vtrn2q_f64(r[0], r[1]);
    r[0] = t0;
  }
};

struct VF32 {
  using T = float;
  using R = float32x4_t;
  using M = uint32x4_t;
  using Acc = VF64;
  static constexpr std::size_t W = 4;
  static constexpr std::size_t kWide = 4;

  static R load(const T* p) { return vld1q_f32(p); }
  static void store(T* p, R v) { vst1q_f32(p, v); }
  static R load_partial(const T* p, std::size_t n, T fill) { return buffer_load_partial<VF32>(p, n, fill); }
  static void store_partial(T* p, std::size_t n, R v) { buffer_store_partial<VF32>(p, n, v); }
  static void widen(R v, Acc::R& lo, Acc::R& hi) {
    lo = vcvt_f64_f32(vget_low_f32(v));
    hi = vcvt_high_f64_f32(v);
  }
  static R narrow(Acc::R lo, Acc::R hi) { return vcvt_high_f32_f64(vcvt_f32_f64(lo), hi); }
#include "cpu/simd/vec_wide_f32.inl"

  static R set1(T v) { return vdupq_n_f32(v); }
  static R zero() { return vdupq_n_f32(0.0f); }
  static R add(R a, R b) { return vaddq_f32(a, b); }
  static R sub(R a, R b) { return vsubq_f32(a, b); }
  static R mul(R a, R b) { return vmulq_f32(a, b); }
  static R div(R a, R b) { return vdivq_f32(a, b); }
  static R fmadd(R a, R b, R c) { return vfmaq_f32(c, a, b); }
  static R fma_exact(R a, R b, R c) { return vfmaq_f32(c, a, b); }
  static R min(R a, R b) { return vbslq_f32(vcltq_f32(a, b), a, b); }
  static R max(R a, R b) { return vbslq_f32(vcgtq_f32(a, b), a, b); }
  static R sqrt(R a) { return vsqrtq_f32(a); }
  static R abs(R a) { return vabsq_f32(a); }
  static R neg(R a) { return vnegq_f32(a); }
  static R copysign(R mag, R sgn) { return vbslq_f32(vdupq_n_u32(0x80000000u), sgn, mag); }
  static R floor(R a) { return vrndmq_f32(a); }
  static R ceil(R a) { return vrndpq_f32(a); }
  static R trunc(R a) { return vrndq_f32(a); }
  static R round(R a) { return vrndnq_f32(a); }

  static M lt(R a, R b) { return vcltq_f32(a, b); }
  static M le(R a, R b) { return vcleq_f32(a, b); }
  static M gt(R a, R b) { return vcgtq_f32(a, b); }
  static M ge(R a, R b) { return vcgeq_f32(a, b); }
  static M eq(R a, R b) { return vceqq_f32(a, b); }
  static M isnan(R a) { return vmvnq_u32(vceqq_f32(a, a)); }
  static R select(M m, R a, R b) { return vbslq_f32(m, a, b); }
  static M mand(M a, M b) { return vandq_u32(a, b); }
  static M mor(M a, M b) { return vorrq_u32(a, b); }
  static M mnot(M a) { return vmvnq_u32(a); }
  static bool any(M m) { return vmaxvq_u32(m) != 0; }

  static T reduce_add(R a) { return vaddvq_f32(a); }
  static T reduce_min(R a) { return vminvq_f32(a); }
  static T reduce_max(R a) { return vmaxvq_f32(a); }

  // ---- math primitives ----
  static R fnmadd(R a, R b, R c) { return vfmsq_f32(c, a, b); }
  static R fmsub(R a, R b, R c) { return vnegq_f32(vfmsq_f32(c, a, b)); }
  static R round_small(R a) { return round(a); }  // |a| < 2^22 / 2^51 (exact here everywhere)
  using I = int32x4_t;
  static constexpr int kMantBits = 23;
  static constexpr bool kFusedFma = true;
  static I bits(R a) { return vreinterpretq_s32_f32(a); }
  static R from_bits(I a) { return vreinterpretq_f32_s32(a); }
  static I iset1(std::int32_t v) { return vdupq_n_s32(v); }
  static I iadd(I a, I b) { return vaddq_s32(a, b); }
  static I isub(I a, I b) { return vsubq_s32(a, b); }
  static I iand(I a, I b) { return vandq_s32(a, b); }
  static I ior(I a, I b) { return vorrq_s32(a, b); }
  template <int N>
  static I shl(I a) {
    return vshlq_n_s32(a, N);
  }
  template <int N>
  static I shr(I a) {
    return vreinterpretq_s32_u32(vshrq_n_u32(vreinterpretq_u32_s32(a), N));
  }
  static I to_int(R a) { return vcvtnq_s32_f32(a); }
  static R to_float(I a) { return vcvtq_f32_s32(a); }
  static R pow2i(R k) { return from_bits(shl<23>(iadd(to_int(k), iset1(127)))); }
  static R ldexp(R x, R k) { return ldexp_split<VF32, 23, 127>(x, k); }  // vec_common.hpp
  // tab[i & 15] per lane: a 64-byte tbl over the four q registers, byte indices 4 (i & 15) + {0..3}.
  static R lookup16(const T* tab, I i) {
    const uint8x16x4_t t = {{vld1q_u8(reinterpret_cast<const std::uint8_t*>(tab)),
                             vld1q_u8(reinterpret_cast<const std::uint8_t*>(tab) + 16),
                             vld1q_u8(reinterpret_cast<const std::uint8_t*>(tab) + 32),
                             vld1q_u8(reinterpret_cast<const std::uint8_t*>(tab) + 48)}};
    const uint32x4_t b =
        vmlaq_n_u32(vdupq_n_u32(0x03020100u), vandq_u32(vreinterpretq_u32_s32(i), vdupq_n_u32(15)), 0x04040404u);
    return vreinterpretq_f32_u8(vqtbl4q_u8(t, vreinterpretq_u8_u32(b)));
  }

  // ---- matrix primitives ----
  static constexpr std::size_t kRegisters = 32;
  static void prefetch(const void* p) { __builtin_prefetch(p); }
  static void stream(T* p, R v) { store(p, v); }
  static void stream_fence() {}
  // r[0..3] as the rows of a 4x4 block -> its columns.
  static void transpose(R* r) {
    const R t0 = vtrn1q_f32(r[0], r[1]), t1 = vtrn2q_f32(r[0], r[1]);
    const R t2 = vtrn1q_f32(r[2], r[3]), t3 = vtrn2q_f32(r[2], r[3]);
    const auto d = [](R v) { return vreinterpretq_f64_f32(v); };
    r[0] = vreinterpretq_f32_f64(vtrn1q_f64(d(t0), d(t2)));
    r[1] = vreinterpretq_f32_f64(vtrn1q_f64(d(t1), d(t3)));
    r[2] = vreinterpretq_f32_f64(vtrn2q_f64(d(t0), d(t2)));
    r[3] = vreinterpretq_f32_f64(vtrn2q_f64(d(t1), d(t3)));
  }
};
