// scalar.cpp: the portable scalar backend (one lane, compiled with -fno-tree-vectorize): the
// baseline every SIMD backend is measured and diffed against, and the fallback everywhere.
#include "cpu/isa/isa_std.hpp"

namespace trueno::cpu::scalar {
#include "cpu/simd/vec_common.hpp"
#include "cpu/simd/vec_scalar.hpp"
#include "cpu/kernels/all.inl"
}  // namespace trueno::cpu::scalar

namespace trueno::cpu {
const KernelTable* scalar_table() {
  static constexpr KernelTable kTable = scalar::make_table(Backend::scalar);
  return &kTable;
}
}  // namespace trueno::cpu
