// test_allocation.cpp: the allocation audit: every allocating op allocates exactly its result,
// once, through trueno's allocator; span forms and reductions allocate nothing at all.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <new>

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

Counts count(const std::function<void()>& f) {
  const std::size_t a0 = detail::allocation_count(), n0 = g_news.load();
  f();
  return {detail::allocation_count() - a0, g_news.load() - n0};
}

class Allocation : public ::testing::TestWithParam<std::size_t> {};

TEST_P(Allocation, AllocatingFormsAllocateTheResultOnce) {
  const std::size_t n = GetParam();
  Vector<float> a(n, 1.5f), b(n, 2.5f), c(n, 0.5f);
  Vector<double> ad(n, 1.5f);
  using S = std::span<const float>;
  using SD = std::span<const double>;
  const std::vector<std::pair<const char*, std::function<void()>>> ops = {
      {"add", [&] { auto r = trueno::add(S(a), S(b)); }},
      {"sub", [&] { auto r = trueno::sub(S(a), S(b)); }},
      {"mul", [&] { auto r = trueno::mul(S(a), S(b)); }},
      {"div", [&] { auto r = trueno::div(S(a), S(b)); }},
      {"minimum", [&] { auto r = trueno::minimum(S(a), S(b)); }},
      {"maximum", [&] { auto r = trueno::maximum(S(a), S(b)); }},
      {"copysign", [&] { auto r = trueno::copysign(S(a), S(b)); }},
      {"scale", [&] { auto r = trueno::scale(S(a), 2.0f); }},
      {"clamp", [&] { auto r = trueno::clamp(S(a), 0.0f, 1.0f); }},
      {"clip", [&] { auto r = trueno::clip(S(a), 0.0f, 1.0f); }},
      {"lerp", [&] { auto r = trueno::lerp(S(a), S(b), 0.3f); }},
      {"fma", [&] { auto r = trueno::fma(S(a), S(b), S(c)); }},
      {"abs", [&] { auto r = trueno::abs(S(a)); }},
      {"neg", [&] { auto r = trueno::neg(S(a)); }},
      {"sqrt", [&] { auto r = trueno::sqrt(S(a)); }},
      {"recip", [&] { auto r = trueno::recip(S(a)); }},
      {"floor", [&] { auto r = trueno::floor(S(a)); }},
      {"ceil", [&] { auto r = trueno::ceil(S(a)); }},
      {"round", [&] { auto r = trueno::round(S(a)); }},
      {"trunc", [&] { auto r = trueno::trunc(S(a)); }},
      {"fract", [&] { auto r = trueno::fract(S(a)); }},
      {"signum", [&] { auto r = trueno::signum(S(a)); }},
      {"normalize", [&] { auto r = trueno::normalize(S(a)); }},
      {"zscore", [&] { for (std::size_t i = 0; i < n; i += 2) a[i] = 3.0f; auto r = trueno::zscore(S(a)); }},
      {"minmax_normalize", [&] { auto r = trueno::minmax_normalize(S(a)); }},
      {"add_f64", [&] { auto r = trueno::add(SD(ad), SD(ad)); }},
      {"zscore_f64", [&] { for (std::size_t i = 0; i < n; i += 2) ad[i] = 3.0; auto r = trueno::zscore(SD(ad)); }},
  };
  for (const auto& [name, op] : ops) {
    const Counts k = count(op);
    EXPECT_EQ(k.trueno_allocs, 1u) << name << " n=" << n;
    EXPECT_EQ(k.news, 0u) << name << " made a std allocation, n=" << n;
  }
}

TEST_P(Allocation, SpanFormsAndReductionsAllocateNothing) {
  const std::size_t n = GetParam();
  Vector<float> a(n, 1.5f), b(n, 2.5f), c(n, 0.5f), out(n);
  for (std::size_t i = 0; i < n; i += 2) a[i] = 3.0f;
  for (std::size_t i = 0; i < n; i += 3) b[i] = -1.0f;
  Vector<std::int32_t> ia(n, 7);
  using S = std::span<const float>;
  using SI = std::span<const std::int32_t>;
  const std::vector<std::pair<const char*, std::function<void()>>> ops = {
      {"add", [&] { trueno::add(S(a), S(b), out); }},
      {"add_inplace", [&] { trueno::add(S(out), S(b), out); }},
      {"fma", [&] { trueno::fma(S(a), S(b), S(c), out); }},
      {"lerp", [&] { trueno::lerp(S(a), S(b), 0.7f, out); }},
      {"clamp", [&] { trueno::clamp(S(a), 0.0f, 1.0f, out); }},
      {"sqrt", [&] { trueno::sqrt(S(a), out); }},
      {"round", [&] { trueno::round(S(a), out); }},
      {"normalize", [&] { trueno::normalize(S(a), out); }},
      {"zscore", [&] { trueno::zscore(S(a), out); }},
      {"minmax_normalize", [&] { trueno::minmax_normalize(S(a), out); }},
      {"sum", [&] { (void)trueno::sum(S(a)); }},
      {"mean", [&] { (void)trueno::mean(S(a)); }},
      {"dot", [&] { (void)trueno::dot(S(a), S(b)); }},
      {"argmax", [&] { (void)trueno::argmax(S(a)); }},
      {"norm_l2", [&] { (void)trueno::norm_l2(S(a)); }},
      {"variance", [&] { (void)trueno::variance(S(a)); }},
      {"correlation", [&] { (void)trueno::correlation(S(a), S(b)); }},
      {"sum_i32", [&] { (void)trueno::sum(SI(ia)); }},
      {"argmin_i32", [&] { (void)trueno::argmin(SI(ia)); }},
  };
  for (const auto& [name, op] : ops) {
    const Counts k = count(op);
    EXPECT_EQ(k.trueno_allocs, 0u) << name << " n=" << n;
    EXPECT_EQ(k.news, 0u) << name << " n=" << n;
  }
}

INSTANTIATE_TEST_SUITE_P(, Allocation, ::testing::Values(std::size_t{1000}, std::size_t{1} << 20, std::size_t{3000001}));

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
