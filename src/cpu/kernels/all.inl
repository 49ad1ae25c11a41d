// all.inl: every kernel family, in dependency order; the one include of each ISA unit.
#include "cpu/kernels/map.inl"
#include "cpu/kernels/elementwise.inl"
#include "cpu/kernels/reduce.inl"
#include "cpu/kernels/math_core.inl"
#include "cpu/kernels/math.inl"
#include "cpu/kernels/activations.inl"
#include "cpu/kernels/rows.inl"
#include "cpu/kernels/table.inl"
