// icount_driver.cpp: the workload of the instruction-count gate (tools/icount_gate.py): a fixed
// list of kernels on the gated backends at n = 1000 (in cache) and 1<<20 (out of cache), each
// call bracketed by callgrind client requests, so that ONE valgrind run measures every case
// separately (one dump per case, named op/backend/n). Run natively it is a quick smoke test.
//
// avx512 is not gated: valgrind does not implement AVX-512 and hides it from CPUID, so under
// valgrind the best x86 backend is avx2 (avx512 is covered by make bench-compare instead).
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <vector>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else  // no valgrind headers: the driver still runs (natively), it just measures nothing
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name) ((void)(name))
#endif

#include "trueno/trueno.hpp"

namespace {

using trueno::Backend;
using trueno::Vector;
using S = std::span<const float>;
using SD = std::span<const double>;
using SI = std::span<const std::int32_t>;

constexpr std::size_t kSizes[] = {1000, std::size_t{1} << 20};
constexpr Backend kGatedBackends[] = {Backend::scalar, Backend::sse2, Backend::avx2, Backend::neon};

// The operands of every case: fixed values (no special values; zscore needs a spread).
struct Data {
  explicit Data(std::size_t size) : n(size), a(n), b(n), c(n), out(n), da(n), db(n), dout(n), ia(n) {
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = 0.5f + static_cast<float>((i * 2654435761u) % 1000) / 1000.0f;
      b[i] = 1.5f - static_cast<float>((i * 40503u) % 1000) / 1000.0f;
      c[i] = 0.25f;
      da[i] = a[i];
      db[i] = b[i];
      ia[i] = static_cast<std::int32_t>((i * 40503u) % 2001) - 1000;
    }
  }
  std::size_t n;
  Vector<float> a, b, c, out;
  Vector<double> da, db, dout;
  Vector<std::int32_t> ia;
};

// Keeps results observable so the compiler cannot drop a call.
volatile double g_sink = 0;
void sink(double v) { g_sink = v; }

struct Case {
  const char* name;
  void (*run)(Data&);
  bool once = false;  // size-independent workload (say a fixed matrix shape): measured once,
                      // on the large Data, named op/backend
};

// One line per measured case, at least one per op family. Families to come (math functions,
// activations, matrix products) append one line each here, then run make icount-update.
const Case kCases[] = {
    // element-wise binary / unary, with scalar parameters, fused
    {"add", [](Data& d) { trueno::add(S(d.a), S(d.b), d.out); }},
    {"add_alloc", [](Data& d) { sink(trueno::add(S(d.a), S(d.b))[0]); }},
    {"maximum", [](Data& d) { trueno::maximum(S(d.a), S(d.b), d.out); }},
    {"abs", [](Data& d) { trueno::abs(S(d.a), d.out); }},
    {"sqrt", [](Data& d) { trueno::sqrt(S(d.a), d.out); }},
    {"round", [](Data& d) { trueno::round(S(d.a), d.out); }},
    {"scale", [](Data& d) { trueno::scale(S(d.a), 1.5f, d.out); }},
    {"clamp", [](Data& d) { trueno::clamp(S(d.a), 0.7f, 1.2f, d.out); }},
    {"lerp", [](Data& d) { trueno::lerp(S(d.a), S(d.b), 0.3f, d.out); }},
    {"fma", [](Data& d) { trueno::fma(S(d.a), S(d.b), S(d.c), d.out); }},
    {"add_f64", [](Data& d) { trueno::add(SD(d.da), SD(d.db), d.dout); }},
    // reductions
    {"sum", [](Data& d) { sink(trueno::sum(S(d.a))); }},
    {"dot", [](Data& d) { sink(trueno::dot(S(d.a), S(d.b))); }},
    {"max", [](Data& d) { sink(trueno::max(S(d.a))); }},
    {"argmax", [](Data& d) { sink(static_cast<double>(trueno::argmax(S(d.a)))); }},
    {"norm_l2", [](Data& d) { sink(trueno::norm_l2(S(d.a))); }},
    {"sum_f64", [](Data& d) { sink(trueno::sum(SD(d.da))); }},
    {"sum_i32", [](Data& d) { sink(static_cast<double>(trueno::sum(SI(d.ia)))); }},
    // statistics
    {"variance", [](Data& d) { sink(trueno::variance(S(d.a))); }},
    {"correlation", [](Data& d) { sink(trueno::correlation(S(d.a), S(d.b))); }},
    {"zscore", [](Data& d) { trueno::zscore(S(d.a), d.out); }},
};

// One measurement: a warm-up call outside the counts (lazy symbol binding, first-use CPU
// detection, the allocator's block cache), then the counted call, alone in its dump.
void measure(const std::string& name, const Case& c, Data& d) {
  c.run(d);
  CALLGRIND_START_INSTRUMENTATION;
  CALLGRIND_ZERO_STATS;
  c.run(d);
  CALLGRIND_DUMP_STATS_AT(name.c_str());
  CALLGRIND_STOP_INSTRUMENTATION;
}

}  // namespace

int main() {
  std::vector<Data> data;
  for (std::size_t n : kSizes) data.emplace_back(n);
  std::string measured;
  int cases = 0;
  for (Backend be : kGatedBackends) {
    if (!trueno::backend_available(be)) continue;
    const std::string bname(trueno::backend_name(be));
    measured += " " + bname;
    trueno::ScopedBackend scope(be);
    for (const Case& c : kCases) {
      if (c.once) {
        measure(std::string(c.name) + "/" + bname, c, data.back());
        ++cases;
        continue;
      }
      for (Data& d : data) {
        measure(std::string(c.name) + "/" + bname + "/" + std::to_string(d.n), c, d);
        ++cases;
      }
    }
  }
  // tools/icount_gate.py reads this line: backends missing here are reported, not failed.
  std::printf("backends:%s\ncases: %d\n", measured.c_str(), cases);
  return 0;
}
