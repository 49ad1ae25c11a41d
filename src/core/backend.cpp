// backend.cpp: the public backend API: devices, and the CPU's ISAs (names, availability,
// set/scoped overrides).
#include "trueno/backend.hpp"

#include <array>

#include "cpu/dispatch.hpp"

namespace trueno {
namespace {
constexpr std::array<Backend, 5> kAll = {Backend::scalar, Backend::sse2, Backend::neon, Backend::avx2, Backend::avx512};
}  // namespace

std::string_view device_name(Device d) noexcept {
  switch (d) {
    case Device::cpu:
      return "cpu";
    case Device::cuda:
      return "cuda";
  }
  return "unknown";
}

std::vector<Device> available_devices() { return {Device::cpu}; }

std::string_view backend_name(Backend b) noexcept {
  switch (b) {
    case Backend::scalar:
      return "scalar";
    case Backend::sse2:
      return "sse2";
    case Backend::avx2:
      return "avx2";
    case Backend::avx512:
      return "avx512";
    case Backend::neon:
      return "neon";
  }
  return "unknown";
}

std::optional<Backend> parse_backend(std::string_view name) noexcept {
  for (Backend b : kAll)
    if (backend_name(b) == name) return b;
  return std::nullopt;
}

std::vector<Backend> compiled_backends() {
  std::vector<Backend> out;
  for (Backend b : kAll)
    if (cpu::compiled_table(b) != nullptr) out.push_back(b);
  return out;
}

bool backend_available(Backend b) noexcept { return cpu::compiled_table(b) != nullptr && cpu::cpu_supports(b); }

std::vector<Backend> available_backends() {
  std::vector<Backend> out;
  for (Backend b : kAll)
    if (backend_available(b)) out.push_back(b);
  return out;
}

Backend best_backend() {
  Backend best = Backend::scalar;
  for (Backend b : kAll)
    if (backend_available(b)) best = b;  // kAll is in increasing preference
  return best;
}

Backend active_backend() { return cpu::kernels().backend; }

void set_backend(Backend b) { cpu::set_global(&cpu::require_table(b, "trueno::set_backend")); }

void reset_backend() { cpu::set_global(nullptr); }

ScopedBackend::ScopedBackend(Backend b) : previous_(cpu::thread_override()) {
  cpu::set_thread_override(&cpu::require_table(b, "trueno::ScopedBackend"));
}

ScopedBackend::~ScopedBackend() { cpu::set_thread_override(static_cast<const cpu::KernelTable*>(previous_)); }

}  // namespace trueno
