// test_allocation.cpp: the allocation audit: every allocating op allocates exactly its result,
// once, through trueno's allocator; span forms and reductions allocate nothing at all; and the
// audit covers every op the public headers declare (a new op must be added here to pass).
// The Python half of the audit (a call allocates only its result array) belongs to
// python/tests once the package lands.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <new>
#include <regex>
#include <set>
#include <string>

#include "core/allocator.hpp"
#include "trueno/trueno.hpp"

namespace {
std::atomic<std::size_t> g_news{0};
}  // namespace

// Count every global operator new in this process (std::vector temporaries, strings...).
void* operator new(std::size_t n) {
  g_news.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace trueno::test {
namespace {

struct Counts {
  std::size_t trueno_allocs;
  std::size_t news;
};

// One warm-up call first: one-time set-up (CPU detection, the thread pool's workers on the
// first call large enough to use them) is not a per-call allocation.
Counts count(const std::function<void()>& f) {
  f();
  const std::size_t a0 = detail::allocation_count(), n0 = g_news.load();
  f();
  return {detail::allocation_count() - a0, g_news.load() - n0};
}

// The operands (with a spread, so that zscore and minmax_normalize are defined).
struct Data {
  explicit Data(std::size_t n) : a(n, 1.5f), b(n, 2.5f), c(n, 0.5f), out(n), ad(n, 1.5), bd(n, 0.5), outd(n), ia(n, 7) {
    for (std::size_t i = 0; i < n; i += 2) {
      a[i] = 3.0f;
      ad[i] = 3.0;
      ia[i] = -2;
    }
    for (std::size_t i = 0; i < n; i += 3) {
      b[i] = -1.0f;
      bd[i] = 2.0;
    }
  }
  Vector<float> a, b, c, out;
  Vector<double> ad, bd, outd;
  Vector<std::int32_t> ia;
};

// One audited call: `op` is the public function's name (what the header coverage test
// matches), `label` says which form or type, `allocations` what it must cost.
struct Audited {
  const char* op;
  const char* label;
  std::function<void()> run;
  std::size_t allocations = 1;
};

using S = std::span<const float>;
using SD = std::span<const double>;
using SI = std::span<const std::int32_t>;

// Allocating forms (and any op returning an object): exactly their result, once.
std::vector<Audited> allocating_forms(Data& d) {
  return {
      {"add", "f32", [&] { auto r = trueno::add(S(d.a), S(d.b)); }},
      {"sub", "f32", [&] { auto r = trueno::sub(S(d.a), S(d.b)); }},
      {"mul", "f32", [&] { auto r = trueno::mul(S(d.a), S(d.b)); }},
      {"div", "f32", [&] { auto r = trueno::div(S(d.a), S(d.b)); }},
      {"minimum", "f32", [&] { auto r = trueno::minimum(S(d.a), S(d.b)); }},
      {"maximum", "f32", [&] { auto r = trueno::maximum(S(d.a), S(d.b)); }},
      {"copysign", "f32", [&] { auto r = trueno::copysign(S(d.a), S(d.b)); }},
      {"scale", "f32", [&] { auto r = trueno::scale(S(d.a), 2.0f); }},
      {"clamp", "f32", [&] { auto r = trueno::clamp(S(d.a), 0.0f, 1.0f); }},
      {"clip", "f32", [&] { auto r = trueno::clip(S(d.a), 0.0f, 1.0f); }},
      {"lerp", "f32", [&] { auto r = trueno::lerp(S(d.a), S(d.b), 0.3f); }},
      {"fma", "f32", [&] { auto r = trueno::fma(S(d.a), S(d.b), S(d.c)); }},
      {"abs", "f32", [&] { auto r = trueno::abs(S(d.a)); }},
      {"neg", "f32", [&] { auto r = trueno::neg(S(d.a)); }},
      {"sqrt", "f32", [&] { auto r = trueno::sqrt(S(d.a)); }},
      {"recip", "f32", [&] { auto r = trueno::recip(S(d.a)); }},
      {"floor", "f32", [&] { auto r = trueno::floor(S(d.a)); }},
      {"ceil", "f32", [&] { auto r = trueno::ceil(S(d.a)); }},
      {"round", "f32", [&] { auto r = trueno::round(S(d.a)); }},
      {"trunc", "f32", [&] { auto r = trueno::trunc(S(d.a)); }},
      {"fract", "f32", [&] { auto r = trueno::fract(S(d.a)); }},
      {"signum", "f32", [&] { auto r = trueno::signum(S(d.a)); }},
      {"normalize", "f32", [&] { auto r = trueno::normalize(S(d.a)); }},
      {"zscore", "f32", [&] { auto r = trueno::zscore(S(d.a)); }},
      {"minmax_normalize", "f32", [&] { auto r = trueno::minmax_normalize(S(d.a)); }},
      {"add", "f64", [&] { auto r = trueno::add(SD(d.ad), SD(d.ad)); }},
      {"zscore", "f64", [&] { auto r = trueno::zscore(SD(d.ad)); }},
  };
}

// Span forms (into the caller's memory, in place too) and reductions: nothing at all.
std::vector<Audited> non_allocating_forms(Data& d) {
  return {
      {"add", "span", [&] { trueno::add(S(d.a), S(d.b), d.out); }},
      {"add", "in place", [&] { trueno::add(S(d.out), S(d.b), d.out); }},
      {"sub", "span", [&] { trueno::sub(S(d.a), S(d.b), d.out); }},
      {"mul", "span", [&] { trueno::mul(S(d.a), S(d.b), d.out); }},
      {"div", "span", [&] { trueno::div(S(d.a), S(d.b), d.out); }},
      {"minimum", "span", [&] { trueno::minimum(S(d.a), S(d.b), d.out); }},
      {"maximum", "span", [&] { trueno::maximum(S(d.a), S(d.b), d.out); }},
      {"copysign", "span", [&] { trueno::copysign(S(d.a), S(d.b), d.out); }},
      {"scale", "span", [&] { trueno::scale(S(d.a), 2.0f, d.out); }},
      {"clamp", "span", [&] { trueno::clamp(S(d.a), 0.0f, 1.0f, d.out); }},
      {"clip", "span", [&] { trueno::clip(S(d.a), 0.0f, 1.0f, d.out); }},
      {"lerp", "span", [&] { trueno::lerp(S(d.a), S(d.b), 0.7f, d.out); }},
      {"fma", "span", [&] { trueno::fma(S(d.a), S(d.b), S(d.c), d.out); }},
      {"abs", "span", [&] { trueno::abs(S(d.a), d.out); }},
      {"neg", "span", [&] { trueno::neg(S(d.a), d.out); }},
      {"sqrt", "span", [&] { trueno::sqrt(S(d.a), d.out); }},
      {"recip", "span", [&] { trueno::recip(S(d.a), d.out); }},
      {"floor", "span", [&] { trueno::floor(S(d.a), d.out); }},
      {"ceil", "span", [&] { trueno::ceil(S(d.a), d.out); }},
      {"round", "span", [&] { trueno::round(S(d.a), d.out); }},
      {"trunc", "span", [&] { trueno::trunc(S(d.a), d.out); }},
      {"fract", "span", [&] { trueno::fract(S(d.a), d.out); }},
      {"signum", "span", [&] { trueno::signum(S(d.a), d.out); }},
      {"normalize", "span", [&] { trueno::normalize(S(d.a), d.out); }},
      {"zscore", "span", [&] { trueno::zscore(S(d.a), d.out); }},
      {"minmax_normalize", "span", [&] { trueno::minmax_normalize(S(d.a), d.out); }},
      {"add", "span f64", [&] { trueno::add(SD(d.ad), SD(d.bd), d.outd); }},
      {"sum", "f32", [&] { (void)trueno::sum(S(d.a)); }},
      {"sum", "i32", [&] { (void)trueno::sum(SI(d.ia)); }},
      {"mean", "f32", [&] { (void)trueno::mean(S(d.a)); }},
      {"min", "f32", [&] { (void)trueno::min(S(d.a)); }},
      {"max", "f32", [&] { (void)trueno::max(S(d.a)); }},
      {"argmin", "f32", [&] { (void)trueno::argmin(S(d.a)); }},
      {"argmin", "i32", [&] { (void)trueno::argmin(SI(d.ia)); }},
      {"argmax", "f32", [&] { (void)trueno::argmax(S(d.a)); }},
      {"dot", "f32", [&] { (void)trueno::dot(S(d.a), S(d.b)); }},
      {"norm_l1", "f32", [&] { (void)trueno::norm_l1(S(d.a)); }},
      {"norm_l2", "f32", [&] { (void)trueno::norm_l2(S(d.a)); }},
      {"norm_linf", "f32", [&] { (void)trueno::norm_linf(S(d.a)); }},
      {"sum_of_squares", "f32", [&] { (void)trueno::sum_of_squares(S(d.a)); }},
      {"sum", "f64", [&] { (void)trueno::sum(SD(d.ad)); }},
      {"variance", "f32", [&] { (void)trueno::variance(S(d.a)); }},
      {"stddev", "f32", [&] { (void)trueno::stddev(S(d.a)); }},
      {"covariance", "f32", [&] { (void)trueno::covariance(S(d.a), S(d.b)); }},
      {"correlation", "f32", [&] { (void)trueno::correlation(S(d.a), S(d.b)); }},
  };
}

class Allocation : public ::testing::TestWithParam<std::size_t> {};

TEST_P(Allocation, AllocatingFormsAllocateTheResultOnce) {
  const std::size_t n = GetParam();
  Data d(n);
  for (const Audited& a : allocating_forms(d)) {
    const Counts k = count(a.run);
    EXPECT_EQ(k.trueno_allocs, a.allocations) << a.op << " (" << a.label << ") n=" << n;
    EXPECT_EQ(k.news, 0u) << a.op << " (" << a.label << ") made a std allocation, n=" << n;
  }
}

TEST_P(Allocation, SpanFormsAndReductionsAllocateNothing) {
  const std::size_t n = GetParam();
  Data d(n);
  for (const Audited& a : non_allocating_forms(d)) {
    const Counts k = count(a.run);
    EXPECT_EQ(k.trueno_allocs, 0u) << a.op << " (" << a.label << ") n=" << n;
    EXPECT_EQ(k.news, 0u) << a.op << " (" << a.label << ") n=" << n;
  }
}

INSTANTIATE_TEST_SUITE_P(, Allocation, ::testing::Values(std::size_t{1000}, std::size_t{1} << 20, std::size_t{3000001}));

// ---- coverage: every op of the public headers is audited ------------------------------------

// Public functions that are not operations on data (configuration, queries, internals).
const std::set<std::string> kNotOps = {
    "backend_name", "parse_backend", "compiled_backends", "available_backends", "backend_available",
    "active_backend", "best_backend", "set_backend", "reset_backend", "num_threads", "set_num_threads",
    "parallel_enabled", "memory_cache_limit", "set_memory_cache_limit", "memory_cache_bytes",
    "release_cached_memory", "allocate_bytes", "deallocate_bytes"};

enum class Form { returns_object, writes_out, returns_number };

// Free-function declarations that start a line (class members are indented) in every header of
// include/trueno/: name -> forms. `void f(..., out)` writes into the caller's memory; a number
// (float, size_t, int64_t ...) is a reduction; anything else returns an object that allocates.
std::map<std::string, std::set<Form>> declared_ops() {
  static const std::regex decl(
      R"(^(?:\[\[\w+\]\]\s*)?(?:(?:inline|constexpr|static)\s+)*([A-Za-z_][\w:]*(?:<[^()]*>)?[*&]?)\s+([a-z_]\w*)\()");
  static const std::regex number(R"(^(bool|float|double|(std::)?u?int\d+_t|(std::)?size_t|int|long)$)");
  std::map<std::string, std::set<Form>> ops;
  for (const auto& entry : std::filesystem::directory_iterator(TRUENO_PUBLIC_INCLUDE_DIR "/trueno")) {
    if (entry.path().extension() != ".hpp") continue;
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (!std::regex_search(line, m, decl) || kNotOps.count(m[2].str())) continue;
      const std::string type = m[1].str();
      ops[m[2].str()].insert(type == "void"                      ? Form::writes_out
                             : std::regex_match(type, number) ? Form::returns_number
                                                               : Form::returns_object);
    }
  }
  return ops;
}

TEST(AllocationAudit, CoversEveryPublicOp) {
  const auto ops = declared_ops();
  ASSERT_GE(ops.size(), 40u) << "header parsing found too few ops: " << TRUENO_PUBLIC_INCLUDE_DIR;
  for (const char* known : {"add", "zscore", "argmax", "fma", "variance"}) EXPECT_TRUE(ops.count(known)) << known;
  Data d(4);
  std::set<std::string> allocating, non_allocating;
  for (const Audited& a : allocating_forms(d)) allocating.insert(a.op);
  for (const Audited& a : non_allocating_forms(d)) non_allocating.insert(a.op);
  for (const auto& [name, forms] : ops) {
    if (forms.count(Form::returns_object))
      EXPECT_TRUE(allocating.count(name)) << name << " returns an object: add it to allocating_forms()";
    if (forms.count(Form::writes_out) || forms.count(Form::returns_number))
      EXPECT_TRUE(non_allocating.count(name)) << name << " has a span form or is a reduction: add it to "
                                              << "non_allocating_forms()";
  }
  // And the audit names nothing the headers do not declare (a renamed op).
  for (const auto* list : {&allocating, &non_allocating})
    for (const std::string& name : *list) EXPECT_TRUE(ops.count(name)) << name << " is not a public op";
}

TEST(AllocationCache, LargeBlocksAreReused) {
  const std::size_t n = std::size_t{10} << 20;
  Vector<float> a(n, 1.0f);
  const float* first;
  {
    auto r = trueno::abs(std::span<const float>(a));
    first = r.data();
  }
  EXPECT_GT(memory_cache_bytes(), 0u);
  auto r2 = trueno::abs(std::span<const float>(a));
  EXPECT_EQ(r2.data(), first);  // the freed block came back
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(r2.data()) % 64, 0u);
  const std::size_t limit = memory_cache_limit();
  set_memory_cache_limit(0);
  EXPECT_EQ(memory_cache_bytes(), 0u);
  set_memory_cache_limit(limit);
  release_cached_memory();
  EXPECT_EQ(memory_cache_bytes(), 0u);
}

}  // namespace
}  // namespace trueno::test
