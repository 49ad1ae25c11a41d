// fuzz_common.hpp: what every libFuzzer target under tests/fuzz shares: decoding the fuzz input
// into sizes, flags, backends and values (FuzzInput), the failure report (fuzz_fail: prints and
// aborts, which libFuzzer records as a crash with the input that caused it), the "must throw"
// check for invalid arguments, naive double-precision references and buffers with padding and
// misalignment.
//
// A new target is one small .cpp: decode with FuzzInput, call trueno, compare with a reference
// or expect a trueno::Error, and a line in tests/fuzz/CMakeLists.txt (plus a few seed inputs
// under tests/fuzz/corpus/<target>/).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "trueno/trueno.hpp"

namespace trueno::fuzz {

/// Prints what failed and aborts: libFuzzer saves the input as crash-<hash>.
[[noreturn]] inline void fuzz_fail(const std::string& what) {
  std::fprintf(stderr, "FUZZ MISMATCH: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

#define FUZZ_CHECK(cond, msg)                                                                                     \
  do {                                                                                                            \
    if (!(cond))                                                                                                  \
      ::trueno::fuzz::fuzz_fail(std::string(#cond " failed at " __FILE__ ":") + std::to_string(__LINE__) + ": " + \
                                std::string(msg));                                                                \
  } while (0)

/// Reads the fuzz input front to back; past its end every read gives zeros (so every input,
/// even an empty one, decodes to some case).
class FuzzInput {
 public:
  FuzzInput(const std::uint8_t* data, std::size_t size) : p_(data), n_(size) {}

  std::uint8_t byte() { return pos_ < n_ ? p_[pos_++] : 0; }
  std::uint16_t u16() { return static_cast<std::uint16_t>(byte() | (byte() << 8)); }
  bool flag() { return byte() & 1; }
  /// A size in [0, max]: one byte, or two when max > 255.
  std::size_t size(std::size_t max) { return (max > 255 ? u16() : byte()) % (max + 1); }
  /// One of n choices.
  std::size_t pick(std::size_t n) { return n ? byte() % n : 0; }

  /// A value of T: mostly small multiples of 1/16 in [-8, 8) (products and short sums exact, so
  /// references are sharp), now and then a wider magnitude, a signed zero or, when `specials`,
  /// an infinity or NaN.
  template <class T>
  T value(bool specials = false) {
    const std::uint8_t kind = byte();
    const auto v = static_cast<std::int8_t>(byte());
    if (kind < 200) return static_cast<T>(v) / T(16);
    if (kind < 230) return static_cast<T>(v) * static_cast<T>(std::ldexp(1.0, static_cast<int>(byte() % 40) - 20));
    if (kind < 240 || !specials) return kind & 1 ? T(-0.0) : T(0);
    switch (kind % 3) {
      case 0:
        return std::numeric_limits<T>::infinity();
      case 1:
        return -std::numeric_limits<T>::infinity();
      default:
        return std::numeric_limits<T>::quiet_NaN();
    }
  }

  /// Selects one of the backends this CPU runs for the rest of the case (worker threads follow).
  Backend backend() {
    const auto avail = available_backends();
    return avail[pick(avail.size())];
  }

 private:
  const std::uint8_t* p_;
  std::size_t n_, pos_ = 0;
};

/// Sets the backend and thread count for one case, restoring the thread count afterwards.
class CaseSetup {
 public:
  explicit CaseSetup(FuzzInput& in) : backend_(in.backend()) { set_num_threads(1 + in.pick(3)); }
  ~CaseSetup() { set_num_threads(0); }
  CaseSetup(const CaseSetup&) = delete;
  CaseSetup& operator=(const CaseSetup&) = delete;

 private:
  ScopedBackend backend_;
};

/// Runs f, which must throw E (a trueno::Error); anything else (no exception, another
/// exception) is a finding.
template <class E, class F>
void expect_throw(const char* what, F&& f) {
  static_assert(std::is_base_of_v<Error, E>);
  try {
    f();
  } catch (const E&) {
    return;
  } catch (const std::exception& e) {
    fuzz_fail(std::string(what) + ": threw the wrong error: " + e.what());
  }
  fuzz_fail(std::string(what) + ": accepted invalid arguments");
}

/// eps(T): the unit roundoff.
template <class T>
constexpr double eps() {
  return std::numeric_limits<T>::epsilon() / 2;
}

/// The same value, NaN matching NaN (either sign), -0 matching +0 only when `signed_zero` is off.
template <class T>
bool same(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b;
}

/// |got - want| <= tol, NaN matching NaN and infinities matching exactly.
inline bool close(double got, double want, double tol) {
  if (std::isnan(want) || std::isnan(got)) return std::isnan(want) && std::isnan(got);
  if (std::isinf(want) || std::isinf(got)) return got == want;
  return std::fabs(got - want) <= tol;
}

/// A row-major rows x cols matrix in a buffer with row padding and a leading misalignment, both
/// decoded from the input, so that views have every stride and alignment.
template <class T>
struct StridedMatrix {
  std::vector<T> buf;
  std::size_t rows = 0, cols = 0, stride = 0, offset = 0;

  StridedMatrix(FuzzInput& in, std::size_t r, std::size_t c, bool fill = true) : rows(r), cols(c) {
    stride = c + (in.flag() ? in.size(5) : 0);
    offset = in.size(3);
    buf.assign(offset + r * stride + 1, T(0));  // + 1: views of 0 rows still have a pointer
    if (fill)
      for (std::size_t i = 0; i < r; ++i)
        for (std::size_t j = 0; j < c; ++j) at(i, j) = in.value<T>();
  }
  T* data() { return buf.data() + offset; }
  T& at(std::size_t i, std::size_t j) { return buf[offset + i * stride + j]; }
  T at(std::size_t i, std::size_t j) const { return buf[offset + i * stride + j]; }
  MatrixView<T> view() { return MatrixView<T>(data(), rows, cols, stride); }
  ConstMatrixView<T> cview() { return ConstMatrixView<T>(data(), rows, cols, stride); }
};

/// A vector of n values at a misalignment of 0..3 elements inside a larger buffer.
template <class T>
struct Misaligned {
  std::vector<T> buf;
  std::size_t offset = 0, n = 0;
  Misaligned(FuzzInput& in, std::size_t count, bool specials = false) : offset(in.size(3)), n(count) {
    buf.assign(offset + n + 1, T(0));
    for (std::size_t i = 0; i < n; ++i) buf[offset + i] = in.value<T>(specials);
  }
  std::span<T> span() { return {buf.data() + offset, n}; }
  std::span<const T> cspan() const { return {buf.data() + offset, n}; }
  T operator[](std::size_t i) const { return buf[offset + i]; }
};

/// A value with every digit (std::to_string keeps 6 decimals).
inline std::string num(double v) {
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  return b;
}

inline std::string shape(std::size_t r, std::size_t c) { return std::to_string(r) + "x" + std::to_string(c); }

/// The body of every target's LLVMFuzzerTestOneInput: the case's backend and thread count, then
/// run(in, T{}) with T float or double as the input's next bit says.
template <class Run>
int fuzz_one(const std::uint8_t* data, std::size_t size, Run run) {
  FuzzInput in(data, size);
  const CaseSetup setup(in);
  if (in.flag())
    run(in, double{});
  else
    run(in, float{});
  return 0;
}

}  // namespace trueno::fuzz
