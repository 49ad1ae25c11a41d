// avx2.cpp: the AVX2 + FMA backend: every kernel instantiated on the ymm wrappers
// inside a target region, exported as one KernelTable.
#include <immintrin.h>

#include "cpu/isa/isa_std.hpp"

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2,fma,bmi,bmi2"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma,bmi,bmi2")
#endif

namespace trueno::cpu::avx2 {
#include "cpu/simd/vec_common.hpp"
#include "cpu/simd/vec_avx2.hpp"
#include "cpu/kernels/all.inl"
}  // namespace trueno::cpu::avx2

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

namespace trueno::cpu {
const KernelTable* avx2_table() {
  static constexpr KernelTable kTable = avx2::make_table(Backend::avx2);  // no code runs
  return &kTable;
}
}  // namespace trueno::cpu
