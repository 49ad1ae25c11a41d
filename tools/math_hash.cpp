// math_hash.cpp: prints one hash per float math function / activation over 2^20 spread bit
// patterns, for a backend named on the command line, to diff backends across machines (the
// NEON build under qemu-aarch64 against avx512 here: they must print the same lines).
// Built with the tests: build/tools/math_hash [BACKEND]; the aarch64 cross-build of
// make test-qemu has it too (bench/README.md, "Tools").
#include <bit>
#include <cstdio>

#include "support/math_cases.hpp"

int main(int argc, char** argv) {
  using namespace trueno;
  const auto b = argc > 1 ? parse_backend(argv[1]) : std::optional<Backend>(best_backend());
  if (!b || !backend_available(*b)) return 1;
  ScopedBackend scope(*b);
  std::vector<float> x(1 << 20), o(1 << 20);
  for (std::uint32_t i = 0; i < x.size(); ++i) x[i] = std::bit_cast<float>(i * 4096u + 17u);
  for (const auto& c : test::math_cases()) {
    c.f32(x, o);
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the result bits, NaNs canonical
    for (float v : o) h = (h ^ (v != v ? 0x7fc00000u : std::bit_cast<std::uint32_t>(v))) * 1099511628211ULL;
    std::printf("%s %016llx\n", c.name.c_str(), static_cast<unsigned long long>(h));
  }
  return 0;
}
