// dispatch.hpp: which KernelTable runs: CPU detection (once), overrides, the per-call lookup.
#pragma once

#include <cstddef>

#include "cpu/kernel_table.hpp"

namespace trueno::cpu {

/// The table the calling thread's operations use now: its ScopedBackend if any, else the
/// process-wide choice (set_backend, else TRUENO_BACKEND, else the best the CPU has).
/// One thread-local load and one atomic load after the first call; detection never repeats.
/// Throws BackendUnavailable if TRUENO_BACKEND names a backend this machine cannot run.
const KernelTable& kernels();

/// The table compiled for b, or nullptr when b is not compiled into this build.
const KernelTable* compiled_table(Backend b) noexcept;

/// Whether this CPU and OS can execute b's instructions (independent of compilation).
bool cpu_supports(Backend b) noexcept;

/// How many times CPU features were detected in this process (1 after first use).
std::size_t detection_count() noexcept;

/// The table for b if compiled and supported; throws BackendUnavailable otherwise.
const KernelTable& require_table(Backend b, const char* who);

/// Thread-local override used by ScopedBackend (nullptr: none).
const KernelTable* thread_override() noexcept;
void set_thread_override(const KernelTable* t) noexcept;

/// Process-wide choice: nullptr means "the default" (environment, then best).
void set_global(const KernelTable* t) noexcept;

}  // namespace trueno::cpu
