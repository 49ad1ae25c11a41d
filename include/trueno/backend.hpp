// trueno/backend.hpp: where operations run: the device (cpu; cuda next), and on the CPU the
// instruction set (ISA) chosen at run time.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace trueno {

/// The devices trueno can run an operation on. Host memory (spans, Vector, Matrix, NumPy
/// arrays) is the CPU's; device arrays will name their device.
enum class Device { cpu, cuda };

/// "cpu", "cuda".
std::string_view device_name(Device d) noexcept;

/// The devices this build can use on this machine, cpu first. The CUDA backend is not built yet
/// (cpu only).
std::vector<Device> available_devices();

/// The CPU's instruction sets trueno can be compiled with. Which one runs is chosen once, at
/// first use: the best the CPU supports, unless TRUENO_BACKEND=<name> or set_backend() says
/// otherwise.
enum class Isa { scalar, sse2, avx2, avx512, neon };

/// The CPU backend is its ISA: the functions below (named for backends since before trueno had
/// a second device) choose among ISAs.
using Backend = Isa;

/// "scalar", "sse2", "avx2", "avx512", "neon".
std::string_view backend_name(Backend b) noexcept;

/// Parses a backend name (as above, case-sensitive); std::nullopt if unknown.
std::optional<Backend> parse_backend(std::string_view name) noexcept;

/// Backends compiled into this build, in increasing order of preference.
std::vector<Backend> compiled_backends();

/// Backends compiled in AND supported by this CPU (and its OS), in increasing preference.
std::vector<Backend> available_backends();

/// True when `b` is compiled in and this CPU can run it.
bool backend_available(Backend b) noexcept;

/// The backend the calling thread's operations run on now.
Backend active_backend();

/// The best available backend on this CPU (what runs when nothing is forced).
Backend best_backend();

/// Forces every thread to `b` (until set_backend or reset_backend is called again).
/// Throws BackendUnavailable if `b` is not compiled in or the CPU lacks it.
void set_backend(Backend b);

/// Forgets set_backend(): back to TRUENO_BACKEND if set, else the best available.
void reset_backend();

/// Forces the calling thread to `b` for the lifetime of this object (nests; restores the
/// previous choice on destruction). Worker threads of one call follow the calling thread.
/// Throws BackendUnavailable like set_backend().
class ScopedBackend {
 public:
  explicit ScopedBackend(Backend b);
  ~ScopedBackend();
  ScopedBackend(const ScopedBackend&) = delete;
  ScopedBackend& operator=(const ScopedBackend&) = delete;

 private:
  const void* previous_;
};

}  // namespace trueno
