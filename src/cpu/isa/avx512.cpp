// avx512.cpp: the AVX-512 (F/BW/DQ/VL) backend: every kernel instantiated on the zmm wrappers
// inside a target region, exported as one KernelTable.
#include <immintrin.h>

#include "cpu/isa/isa_std.hpp"

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,bmi,bmi2"))), \
                             apply_to = function)
#else
// GCC 12's avx512fintrin.h passes _mm512_undefined_*() as the merge source of unmasked ops,
// which -Wmaybe-uninitialized reports falsely for every min/max.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,bmi,bmi2")
#endif

namespace trueno::cpu::avx512 {
#include "cpu/simd/vec_avx512.hpp"
#include "cpu/kernels/all.inl"
}  // namespace trueno::cpu::avx512

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

namespace trueno::cpu {
const KernelTable* avx512_table() {
  static constexpr KernelTable kTable = avx512::make_table(Backend::avx512);  // no code runs
  return &kTable;
}
}  // namespace trueno::cpu
