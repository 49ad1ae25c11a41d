// neon.cpp: the AArch64 NEON backend (baseline on AArch64, so no target region): every kernel
// instantiated on the q-register wrappers, exported as one KernelTable (isa_unit.inl).
#include <arm_neon.h>

#include "cpu/isa/isa_std.hpp"

#define TRUENO_ISA neon
#define TRUENO_ISA_WRAPPER "cpu/simd/vec_neon.hpp"
#include "cpu/isa/isa_unit.inl"
