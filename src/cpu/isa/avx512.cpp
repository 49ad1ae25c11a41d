// avx512.cpp: the AVX-512 (F/BW/DQ/VL) backend: every kernel instantiated on the zmm wrappers
// inside a target region, exported as one KernelTable (isa_unit.inl).
#include <immintrin.h>

#include "cpu/isa/isa_std.hpp"

#if !defined(__clang__)
// GCC 12's avx512fintrin.h passes _mm512_undefined_*() as the merge source of unmasked ops,
// which -Wmaybe-uninitialized reports falsely for every min/max.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#define TRUENO_ISA avx512
#define TRUENO_ISA_WRAPPER "cpu/simd/vec_avx512.hpp"
#define TRUENO_ISA_TARGET "avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,bmi,bmi2"
#include "cpu/isa/isa_unit.inl"
