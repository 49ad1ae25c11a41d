// sse2.cpp: the SSE2 backend (the x86-64 baseline, so no target region is needed): every
// kernel instantiated on the xmm wrappers, exported as one KernelTable (isa_unit.inl).
#include <emmintrin.h>

#include "cpu/isa/isa_std.hpp"

#define TRUENO_ISA sse2
#define TRUENO_ISA_WRAPPER "cpu/simd/vec_sse2.hpp"
#include "cpu/isa/isa_unit.inl"
