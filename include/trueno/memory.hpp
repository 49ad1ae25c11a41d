// trueno/memory.hpp: control over the cache of large result buffers.
//
// Results of 1 MiB and more are allocated with 2 MiB alignment and transparent huge pages
// where the kernel allows, and when freed are kept (up to a byte limit) for the next result
// of a similar size: a 10M-element result then costs no page faults on every call, which is
// what otherwise dominates an allocating operation at that size (docs/design.md has numbers).
#pragma once

#include <cstddef>

namespace trueno {

/// Bytes of freed result buffers trueno keeps for reuse. Default 256 MiB, or the environment
/// variable TRUENO_CACHE_MB read at first use. 0 disables the cache.
std::size_t memory_cache_limit() noexcept;
void set_memory_cache_limit(std::size_t bytes);

/// Bytes currently held in the cache (freed by the user, not yet returned to the system).
std::size_t memory_cache_bytes() noexcept;

/// Returns every cached buffer to the system now.
void release_cached_memory() noexcept;

}  // namespace trueno
