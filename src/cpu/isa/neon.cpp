// neon.cpp: the AArch64 NEON backend (baseline on AArch64, so no target region): every kernel
// instantiated on the q-register wrappers, exported as one KernelTable.
#include <arm_neon.h>

#include "cpu/isa/isa_std.hpp"

namespace trueno::cpu::neon {
#include "cpu/simd/vec_common.hpp"
#include "cpu/simd/vec_neon.hpp"
#include "cpu/kernels/all.inl"
}  // namespace trueno::cpu::neon

namespace trueno::cpu {
const KernelTable* neon_table() {
  static constexpr KernelTable kTable = neon::make_table(Backend::neon);
  return &kTable;
}
}  // namespace trueno::cpu
