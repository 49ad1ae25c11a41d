// sse2.cpp: the SSE2 backend (the x86-64 baseline, so no target region is needed): every
// kernel instantiated on the xmm wrappers, exported as one KernelTable.
#include <emmintrin.h>

#include "cpu/isa/isa_std.hpp"

namespace trueno::cpu::sse2 {
#include "cpu/simd/vec_common.hpp"
#include "cpu/simd/vec_sse2.hpp"
#include "cpu/kernels/all.inl"
}  // namespace trueno::cpu::sse2

namespace trueno::cpu {
const KernelTable* sse2_table() {
  static constexpr KernelTable kTable = sse2::make_table(Backend::sse2);
  return &kTable;
}
}  // namespace trueno::cpu
