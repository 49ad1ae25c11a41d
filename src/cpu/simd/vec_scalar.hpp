// vec_scalar.hpp: the one-lane "SIMD" wrapper: plain C++ arithmetic, the baseline every other
// backend is measured and diffed against. Included inside namespace trueno::cpu::scalar.
// (isa/scalar.cpp is compiled with -fno-tree-vectorize so it really is scalar code.)

template <class F>
struct ScalarVec {
  using T = F;
  using R = F;
  using M = bool;
  static constexpr std::size_t W = 1;

  static R load(const T* p) { return *p; }
  static void store(T* p, R v) { *p = v; }
  static R load_partial(const T* p, std::size_t n, T fill) { return n ? *p : fill; }
  static void store_partial(T* p, std::size_t n, R v) {
    if (n) *p = v;
  }

  static R set1(T v) { return v; }
  static R zero() { return T(0); }
  static R add(R a, R b) { return a + b; }
  static R sub(R a, R b) { return a - b; }
  static R mul(R a, R b) { return a * b; }
  static R div(R a, R b) { return a / b; }
  static R fmadd(R a, R b, R c) { return a * b + c; }
  static R fma_exact(R a, R b, R c) { return std::fma(a, b, c); }
  static R min(R a, R b) { return a < b ? a : b; }
  static R max(R a, R b) { return a > b ? a : b; }
  static R sqrt(R a) { return std::sqrt(a); }
  static R abs(R a) { return std::fabs(a); }
  static R neg(R a) { return -a; }
  static R copysign(R mag, R sgn) { return std::copysign(mag, sgn); }
  static R floor(R a) { return std::floor(a); }
  static R ceil(R a) { return std::ceil(a); }
  static R trunc(R a) { return std::trunc(a); }
  static R round(R a) { return std::nearbyint(a); }  // default mode: half to even

  static M lt(R a, R b) { return a < b; }
  static M le(R a, R b) { return a <= b; }
  static M gt(R a, R b) { return a > b; }
  static M ge(R a, R b) { return a >= b; }
  static M eq(R a, R b) { return a == b; }
  static M isnan(R a) { return a != a; }  // NOLINT(misc-redundant-expression): NaN test
  static R select(M m, R a, R b) { return m ? a : b; }
  static M mand(M a, M b) { return a && b; }
  static M mor(M a, M b) { return a || b; }
  static M mnot(M a) { return !a; }
  static bool any(M m) { return m; }

  static T reduce_add(R a) { return a; }
  static T reduce_min(R a) { return a; }
  static T reduce_max(R a) { return a; }

  // ---- math primitives ----
  static R fnmadd(R a, R b, R c) { return c - a * b; }  // as fmadd(-a, b, c): two roundings
  static R fmsub(R a, R b, R c) { return a * b - c; }
  // (kernels/math_core.inl: no forced inlining of the math functions on this fallback ISA)
#define TRUENO_MATH_INLINE inline
#define TRUENO_LAMBDA_INLINE
  // Integer lanes of the element's width, for exponent/bit manipulation (see README).
  using I = std::conditional_t<sizeof(F) == 4, std::int32_t, std::int64_t>;
  using UI = std::make_unsigned_t<I>;
  static constexpr int kMantBits = sizeof(F) == 4 ? 23 : 52;
  static constexpr I kBias = sizeof(F) == 4 ? 127 : 1023;
  static constexpr bool kFusedFma = false;  // fmadd rounds twice here
  static I bits(R a) { return __builtin_bit_cast(I, a); }
  static R from_bits(I a) { return __builtin_bit_cast(F, a); }
  static I iset1(I v) { return v; }
  static I iadd(I a, I b) { return static_cast<I>(static_cast<UI>(a) + static_cast<UI>(b)); }
  static I isub(I a, I b) { return static_cast<I>(static_cast<UI>(a) - static_cast<UI>(b)); }
  static I iand(I a, I b) { return a & b; }
  static I ior(I a, I b) { return a | b; }
  template <int N>
  static I shl(I a) {
    return static_cast<I>(static_cast<UI>(a) << N);
  }
  template <int N>
  static I shr(I a) {
    return static_cast<I>(static_cast<UI>(a) >> N);
  }
  // round_small: round half to even for |a| < 2^22 (float) / 2^51 (double) by adding and
  // removing 1.5 * 2^mant: std::nearbyint saves and restores the FP environment (~20 ns).
  static constexpr F kMagic = sizeof(F) == 4 ? F(12582912.0) : F(6755399441055744.0);
  static R round_small(R a) { return (a + kMagic) - kMagic; }            // not folded without -ffast-math
  static I to_int(R a) { return isub(bits(a + kMagic), bits(kMagic)); }  // |a| < 2^22 / 2^51
  static R to_float(I a) { return static_cast<F>(a); }
  static R pow2i(R k) { return from_bits(shl<kMantBits>(iadd(to_int(k), kBias))); }
  static R lookup16(const F* tab, I i) { return tab[i & 15]; }  // tab[i & 15]
  static R ldexp(R x, R k) {
    return ldexp_split<ScalarVec, kMantBits, static_cast<int>(kBias)>(x, k);
  }  // vec_common.hpp

  // ---- matrix primitives ----
  static constexpr std::size_t kRegisters = 16;  // scalar float registers (xmm0-15 on x86-64)
  static void prefetch(const void* p) { __builtin_prefetch(p); }
  static void stream(T* p, R v) { *p = v; }  // a plain store
  static void stream_fence() {}
  static void transpose(R*) {}  // a 1x1 block is its own transpose
};

struct VF64 : ScalarVec<double> {
  using Acc = VF64;
  static constexpr std::size_t kWide = 2;
#include "cpu/simd/vec_wide_scalar.inl"
};

struct VF32 : ScalarVec<float> {
  using Acc = VF64;
  static constexpr std::size_t kWide = 2;
  static void widen(R v, double& lo, double& hi) {
    lo = v;
    hi = 0.0;
  }
#include "cpu/simd/vec_wide_scalar.inl"
};
