// scalar.cpp: the portable scalar backend (one lane, compiled with -fno-tree-vectorize): the
// baseline every SIMD backend is measured and diffed against, and the fallback everywhere.
#include "cpu/isa/isa_std.hpp"

#define TRUENO_ISA scalar
#define TRUENO_ISA_WRAPPER "cpu/simd/vec_scalar.hpp"
#include "cpu/isa/isa_unit.inl"
