// avx2.cpp: the AVX2 + FMA backend: every kernel instantiated on the ymm wrappers
// inside a target region, exported as one KernelTable (isa_unit.inl).
#include <immintrin.h>

#include "cpu/isa/isa_std.hpp"

#define TRUENO_ISA avx2
#define TRUENO_ISA_WRAPPER "cpu/simd/vec_avx2.hpp"
#define TRUENO_ISA_TARGET "avx2,fma,bmi,bmi2"
#include "cpu/isa/isa_unit.inl"
