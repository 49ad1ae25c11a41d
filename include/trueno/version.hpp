// trueno/version.hpp: the library version.
#pragma once

#define TRUENO_VERSION_MAJOR 0
#define TRUENO_VERSION_MINOR 1
#define TRUENO_VERSION_PATCH 0

namespace trueno {
inline constexpr const char* kVersion = "0.1.0";
}  // namespace trueno
