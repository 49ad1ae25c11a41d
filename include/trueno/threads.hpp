// trueno/threads.hpp: how many threads trueno's operations may use.
//
// Large operations split their work over a pool of threads (build option TRUENO_PARALLEL,
// default ON; the calling thread works too); small ones stay on the calling thread, by per-op-class
// thresholds measured on real machines (docs/design.md). Results never depend on the thread
// count: reductions use a fixed chunking and a fixed order of combination, so sum, dot, norms
// and variance are bit-identical with 1 or 64 threads.
//
// Several user threads calling trueno at once never oversubscribe the machine: one call at a
// time uses the pool; a call that finds it busy runs on its own calling thread.
#pragma once

#include <cstddef>

namespace trueno {

/// Threads an operation may use, the calling thread included. Default: TRUENO_NUM_THREADS if
/// set, else OMP_NUM_THREADS, else the CPUs this process may run on. Always 1 in a build
/// without TRUENO_PARALLEL.
std::size_t num_threads() noexcept;

/// Sets the number of threads (1 = single-threaded; 0 = back to the default).
void set_num_threads(std::size_t n) noexcept;

/// Whether this build can use more than one thread (TRUENO_PARALLEL).
bool parallel_enabled() noexcept;

}  // namespace trueno
