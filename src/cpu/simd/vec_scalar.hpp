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
  static void store_partial(T* p, std::size_t n, R v) { if (n) *p = v; }

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
  static M isnan(R a) { return a != a; }
  static R select(M m, R a, R b) { return m ? a : b; }
  static M mand(M a, M b) { return a && b; }
  static M mor(M a, M b) { return a || b; }
  static M mnot(M a) { return !a; }
  static bool any(M m) { return m; }

  static T reduce_add(R a) { return a; }
  static T reduce_min(R a) { return a; }
  static T reduce_max(R a) { return a; }
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
  static void load_wide(const T* p, R& lo, R& hi) { lo = p[0]; hi = p[1]; }
  static void load_wide_partial(const T* p, std::size_t n, R& lo, R& hi, T fill) {
    lo = n > 0 ? p[0] : fill;
    hi = n > 1 ? p[1] : fill;
  }
  static void store_wide(T* p, R lo, R hi) { p[0] = lo; p[1] = hi; }
  static void store_wide_partial(T* p, std::size_t n, R lo, R hi) {
    if (n > 0) p[0] = lo;
    if (n > 1) p[1] = hi;
  }
};

struct VF32 : ScalarVec<float> {
  using Acc = VF64;
  static constexpr std::size_t kWide = 2;
  static void load_wide(const T* p, double& lo, double& hi) { lo = p[0]; hi = p[1]; }
  static void load_wide_partial(const T* p, std::size_t n, double& lo, double& hi, T fill) {
    lo = n > 0 ? p[0] : fill;
    hi = n > 1 ? p[1] : fill;
  }
  static void store_wide(T* p, double lo, double hi) {
    p[0] = static_cast<float>(lo);
    p[1] = static_cast<float>(hi);
  }
  static void store_wide_partial(T* p, std::size_t n, double lo, double hi) {
    if (n > 0) p[0] = static_cast<float>(lo);
    if (n > 1) p[1] = static_cast<float>(hi);
  }
};
