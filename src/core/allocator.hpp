// allocator.hpp: internal view of the result allocator (counters for the allocation tests).
#pragma once

#include <cstddef>

namespace trueno::detail {

/// Number of calls to allocate_bytes since the start of the process (every Vector buffer
/// trueno allocates goes through it); the allocation-audit tests read it.
std::size_t allocation_count() noexcept;

}  // namespace trueno::detail
