// isa_unit.inl: the body every ISA unit (isa/<isa>.cpp) shares: the wrapper and all kernels
// inside namespace trueno::cpu::<isa> and, where the ISA is not the baseline, its target region;
// then <isa>_table(). The unit includes its intrinsics header and isa_std.hpp, then defines
//   TRUENO_ISA          the ISA's name: its namespace, its Backend and <name>_table()
//   TRUENO_ISA_WRAPPER  the wrapper header, "cpu/simd/vec_<name>.hpp"
//   TRUENO_ISA_TARGET   (optional) the target string of the region, e.g. "avx2,fma,bmi,bmi2"
// and includes this file last. Only code compiled inside the region may use the ISA's
// instructions: the standard headers (isa_std.hpp) stay outside, so none of their inline
// functions is emitted with (and leaks) AVX code, and the region covers nothing else.

#define TRUENO_ISA_PRAGMA_(x) _Pragma(#x)
#define TRUENO_ISA_PRAGMA(x) TRUENO_ISA_PRAGMA_(x)
#define TRUENO_ISA_CAT_(a, b) a##b
#define TRUENO_ISA_CAT(a, b) TRUENO_ISA_CAT_(a, b)

#ifdef TRUENO_ISA_TARGET
#if defined(__clang__)
TRUENO_ISA_PRAGMA(clang attribute push(__attribute__((target(TRUENO_ISA_TARGET))), apply_to = function))
#else
TRUENO_ISA_PRAGMA(GCC push_options)
TRUENO_ISA_PRAGMA(GCC target(TRUENO_ISA_TARGET))
#endif
#endif

// The namespace is the ODR guard: every ISA instantiates the same kernel templates.
namespace trueno::cpu::TRUENO_ISA {
#include "cpu/simd/vec_common.hpp"
#include TRUENO_ISA_WRAPPER
#include "cpu/kernels/all.inl"
}  // namespace trueno::cpu::TRUENO_ISA

#ifdef TRUENO_ISA_TARGET
#if defined(__clang__)
TRUENO_ISA_PRAGMA(clang attribute pop)
#else
TRUENO_ISA_PRAGMA(GCC pop_options)
#endif
#endif

namespace trueno::cpu {
const KernelTable* TRUENO_ISA_CAT(TRUENO_ISA, _table)() {
  // Built at compile time: no code of the unit runs before the CPU is known to have the ISA (a
  // run-time initialiser compiled in the region could itself use the ISA's instructions).
  static constexpr KernelTable kTable = TRUENO_ISA::make_table(Backend::TRUENO_ISA);
  return &kTable;
}
}  // namespace trueno::cpu
