// isa_std.hpp: the standard headers every ISA unit needs, included BEFORE its target region
// so that no standard-library code is compiled with (and leaks) the region's instructions.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include "cpu/kernel_table.hpp"
