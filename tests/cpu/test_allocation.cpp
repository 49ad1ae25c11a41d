// test_allocation.cpp: the allocation audit: every allocating op allocates exactly its result,
// once, through trueno's allocator; span forms and reductions allocate nothing at all; and the
// audit covers every op of the lists in trueno/op_list.hpp (a new op must be added here to pass).
// The Python half of the audit (a call allocates only its result array) is
// python/tests/test_allocation.py.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <map>
#include <new>
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
  // Row-wise ops: n = rows x cols (cols 8 or, for n = 1000 and the large sizes, a divisor).
  std::size_t cols = a.size() % 1000 == 0 ? 1000 : a.size() % 1024 == 0 ? 1024 : 1, rows = a.size() / cols;
  Vector<float> g = Vector<float>(cols, 1.25f);
  // Matrix ops: fixed sizes (48 x 64 @ 64 x 40, 4 x 8 x 16 @ 4 x 16 x 12, a 40 x 50 image).
  Matrix<float> ma{Matrix<float>(48, 64, 0.5f)}, mb{Matrix<float>(64, 40, 0.25f)}, mc{Matrix<float>(48, 40)},
      mat{Matrix<float>(64, 48)};
  Matrix<double> mad{Matrix<double>(48, 64, 0.5)}, mbd{Matrix<double>(64, 40, 0.25)}, mcd{Matrix<double>(48, 40)};
  Vector<float> x64 = Vector<float>(64, 1.0f), x48 = Vector<float>(48, 1.0f), y64 = Vector<float>(64),
                y48 = Vector<float>(48);
  Vector<float> ba = Vector<float>(4 * 8 * 16, 0.5f), bb = Vector<float>(4 * 16 * 12, 0.5f),
                bout = Vector<float>(4 * 8 * 12);
  Matrix<float> image{Matrix<float>(40, 50, 1.0f)}, kernel{Matrix<float>(3, 3, 0.5f)}, conv{Matrix<float>(38, 48)};
  Matrix<float> sym = symmetric<float>(24);
  Matrix<double> symd = symmetric<double>(24);

  template <class T>
  static Matrix<T> symmetric(std::size_t n) {
    Matrix<T> m(n, n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) m(i, j) = T(1) / T(1 + i + j) + (i == j ? T(n) : T(0));
    return m;
  }
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

// The ops of trueno/op_list.hpp, every one in both element types, from the lists themselves.
void listed_allocating_forms(std::vector<Audited>& v, Data& d) {
#define TRUENO_AUDIT(name, ...)                                        \
  v.push_back({#name, "f32", [&] { auto r = trueno::name(S(d.a)); }}); \
  v.push_back({#name, "f64", [&] { auto r = trueno::name(SD(d.ad)); }});
  TRUENO_UNARY_OPS(TRUENO_AUDIT)
  TRUENO_MATH_UNARY_ALIASES(TRUENO_AUDIT)
  TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_AUDIT)
#undef TRUENO_AUDIT
#define TRUENO_AUDIT(name, ...)                                                \
  v.push_back({#name, "f32", [&] { auto r = trueno::name(S(d.a), S(d.b)); }}); \
  v.push_back({#name, "f64", [&] { auto r = trueno::name(SD(d.ad), SD(d.bd)); }});
  TRUENO_BINARY_OPS(TRUENO_AUDIT)
#undef TRUENO_AUDIT
}

void listed_non_allocating_forms(std::vector<Audited>& v, Data& d) {
#define TRUENO_AUDIT(name, ...)                                             \
  v.push_back({#name, "span", [&] { trueno::name(S(d.a), d.out); }});       \
  v.push_back({#name, "in place", [&] { trueno::name(S(d.out), d.out); }}); \
  v.push_back({#name, "span f64", [&] { trueno::name(SD(d.ad), d.outd); }});
  TRUENO_UNARY_OPS(TRUENO_AUDIT)
  TRUENO_MATH_UNARY_ALIASES(TRUENO_AUDIT)
  TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_AUDIT)
#undef TRUENO_AUDIT
#define TRUENO_AUDIT(name, ...)                                                     \
  v.push_back({#name, "span", [&] { trueno::name(S(d.a), S(d.b), d.out); }});       \
  v.push_back({#name, "in place", [&] { trueno::name(S(d.out), S(d.b), d.out); }}); \
  v.push_back({#name, "span f64", [&] { trueno::name(SD(d.ad), SD(d.bd), d.outd); }});
  TRUENO_BINARY_OPS(TRUENO_AUDIT)
#undef TRUENO_AUDIT
  // The N-d forms: a strided input (every other element) and a broadcast scalar.
  const std::size_t half = d.a.size() / 2;
  const ArrayView<const float> every_other(d.a.data(), {half}, {2});
  const ArrayView<float> out_half(d.out.data(), {half});
#define TRUENO_AUDIT(name, ...) v.push_back({#name, "nd strided", [=] { trueno::name(every_other, out_half); }});
  TRUENO_UNARY_OPS(TRUENO_AUDIT)
#undef TRUENO_AUDIT
#define TRUENO_AUDIT(name, ...) \
  v.push_back({#name, "nd scalar", [=, &d] { trueno::name(every_other, scalar_view(&d.c[0]), out_half); }});
  TRUENO_BINARY_OPS(TRUENO_AUDIT)
#undef TRUENO_AUDIT
}

// The reductions and statistics, from their lists (the other families' arguments differ op by
// op: their entries are written out below). F calls the op by name with whatever it is given.
template <std::size_t Arrays, bool Ints, OpForms Forms, class F>
void audit_from_list(std::vector<Audited>& v, bool allocating, const char* name, F f, Data& d) {
  if constexpr (Forms == OpForms::number) {
    if (allocating) return;
    if constexpr (Arrays == 1) {
      v.push_back({name, "f32", [&d, f] { (void)f(S(d.a)); }});
      v.push_back({name, "f64", [&d, f] { (void)f(SD(d.ad)); }});
      if constexpr (Ints) v.push_back({name, "i32", [&d, f] { (void)f(SI(d.ia)); }});
    } else {
      static_assert(Arrays == 2);
      v.push_back({name, "f32", [&d, f] { (void)f(S(d.a), S(d.b)); }});
      v.push_back({name, "f64", [&d, f] { (void)f(SD(d.ad), SD(d.bd)); }});
      if constexpr (Ints) v.push_back({name, "i32", [&d, f] { (void)f(SI(d.ia), SI(d.ia)); }});
    }
  } else {
    static_assert(Arrays == 1 && Forms == OpForms::array && !Ints);
    if (allocating) {
      v.push_back({name, "f32", [&d, f] { auto r = f(S(d.a)); }});
      v.push_back({name, "f64", [&d, f] { auto r = f(SD(d.ad)); }});
    } else {
      v.push_back({name, "span", [&d, f] { f(S(d.a), std::span<float>(d.out)); }});
      v.push_back({name, "span f64", [&d, f] { f(SD(d.ad), std::span<double>(d.outd)); }});
    }
  }
}

void listed_reductions_and_statistics(std::vector<Audited>& v, bool allocating, Data& d) {
#define TRUENO_AUDIT(name, arrays, ints, forms, py)   \
  audit_from_list<arrays, ints != 0, OpForms::forms>( \
      v, allocating, #name, [](auto&&... s) -> decltype(auto) { return trueno::name(s...); }, d);
  TRUENO_REDUCTION_OPS(TRUENO_AUDIT)
  TRUENO_STATISTICS_OPS(TRUENO_AUDIT)
#undef TRUENO_AUDIT
}

// Allocating forms (and any op returning an object): exactly their result, once.
std::vector<Audited> allocating_forms(Data& d) {
  std::vector<Audited> v = {
      {"scale", "f32", [&] { auto r = trueno::scale(S(d.a), 2.0f); }},
      {"clamp", "f32", [&] { auto r = trueno::clamp(S(d.a), 0.0f, 1.0f); }},
      {"clip", "f32", [&] { auto r = trueno::clip(S(d.a), 0.0f, 1.0f); }},
      {"lerp", "f32", [&] { auto r = trueno::lerp(S(d.a), S(d.b), 0.3f); }},
      {"fma", "f32", [&] { auto r = trueno::fma(S(d.a), S(d.b), S(d.c)); }},
      {"selu", "f32", [&] { auto r = trueno::selu(S(d.a)); }},
      {"softmax", "f32", [&] { auto r = trueno::softmax(S(d.a)); }},
      {"log_softmax", "f32", [&] { auto r = trueno::log_softmax(S(d.a)); }},
      {"pow", "f32", [&] { auto r = trueno::pow(S(d.a), 2.5f); }},
      {"leaky_relu", "f32", [&] { auto r = trueno::leaky_relu(S(d.a), 0.1f); }},
      {"elu", "f32", [&] { auto r = trueno::elu(S(d.a), 1.0f); }},
      {"celu", "f32", [&] { auto r = trueno::celu(S(d.a), 1.0f); }},
      {"softplus", "f32", [&] { auto r = trueno::softplus(S(d.a), 1.0f, 20.0f); }},
      {"gelu", "f32", [&] { auto r = trueno::gelu(S(d.a), GeluApprox::none); }},
      {"gelu", "tanh f64", [&] { auto r = trueno::gelu(SD(d.ad), GeluApprox::tanh); }},
      {"softmax", "rows", [&] { auto r = trueno::softmax(S(d.a), d.rows, d.cols); }},
      {"log_softmax", "rows", [&] { auto r = trueno::log_softmax(S(d.a), d.rows, d.cols); }},
      {"layer_norm", "f32", [&] { auto r = trueno::layer_norm(S(d.a), S(), S(), 1e-5f); }},
      {"layer_norm", "rows", [&] { auto r = trueno::layer_norm(S(d.a), d.rows, d.cols, S(d.g), S(d.g), 1e-5f); }},
      {"rms_norm", "f32", [&] { auto r = trueno::rms_norm(S(d.a), S(), 1e-6f); }},
      {"rms_norm", "rows", [&] { auto r = trueno::rms_norm(S(d.a), d.rows, d.cols, S(d.g), 1e-6f); }},
      {"matmul", "f32", [&] { auto r = trueno::matmul(d.ma, d.mb); }},
      {"matmul", "f64", [&] { auto r = trueno::matmul(d.mad, d.mbd); }},
      {"matvec", "f32", [&] { auto r = trueno::matvec(d.ma, S(d.x64)); }},
      {"vecmat", "f32", [&] { auto r = trueno::vecmat(S(d.x48), d.ma); }},
      {"transpose", "f32", [&] { auto r = trueno::transpose(d.ma); }},
      {"batched_matmul", "f32", [&] { auto r = trueno::batched_matmul(S(d.ba), S(d.bb), 4, 8, 16, 12); }},
      {"batched_matmul_4d", "f32", [&] { auto r = trueno::batched_matmul_4d(S(d.ba), S(d.bb), 2, 2, 8, 16, 12); }},
      {"convolve2d", "f32", [&] { auto r = trueno::convolve2d(d.image, d.kernel); }},
      {"correlate2d", "f32", [&] { auto r = trueno::correlate2d(d.image, d.kernel); }},
      // Two results (values and vectors), each allocated once; the decomposition itself works in
      // double in a per-thread scratch buffer reused across calls (docs/matrix.md).
      {"symmetric_eigen", "f32", [&] { auto r = trueno::symmetric_eigen(d.sym); }, 2},
      {"symmetric_eigen", "f64", [&] { auto r = trueno::symmetric_eigen(d.symd); }, 2},
  };
  listed_allocating_forms(v, d);
  listed_reductions_and_statistics(v, true, d);
  return v;
}

// Span forms (into the caller's memory, in place too) and reductions: nothing at all.
std::vector<Audited> non_allocating_forms(Data& d) {
  std::vector<Audited> v = {
      {"scale", "span", [&] { trueno::scale(S(d.a), 2.0f, d.out); }},
      {"clamp", "span", [&] { trueno::clamp(S(d.a), 0.0f, 1.0f, d.out); }},
      {"clip", "span", [&] { trueno::clip(S(d.a), 0.0f, 1.0f, d.out); }},
      {"lerp", "span", [&] { trueno::lerp(S(d.a), S(d.b), 0.7f, d.out); }},
      {"fma", "span", [&] { trueno::fma(S(d.a), S(d.b), S(d.c), d.out); }},
      {"fma", "nd",
       [&] {
         trueno::fma(ArrayView<const float>(S(d.a)), scalar_view(&d.b[0]), ArrayView<const float>(S(d.c)),
                     ArrayView<float>(std::span<float>(d.out)));
       }},
      {"lerp", "nd",
       [&] {
         trueno::lerp(ArrayView<const float>(S(d.a)), scalar_view(&d.b[0]), 0.7f,
                      ArrayView<float>(std::span<float>(d.out)));
       }},
      {"clamp", "nd",
       [&] {
         trueno::clamp(ArrayView<const float>(S(d.a)), scalar_view(&d.b[0]), scalar_view(&d.c[0]),
                       ArrayView<float>(std::span<float>(d.out)));
       }},
      {"selu", "span", [&] { trueno::selu(S(d.a), d.out); }},
      {"softmax", "span", [&] { trueno::softmax(S(d.a), d.out); }},
      {"log_softmax", "span", [&] { trueno::log_softmax(S(d.a), d.out); }},
      {"pow", "span", [&] { trueno::pow(S(d.a), 2.5f, d.out); }},
      {"leaky_relu", "span", [&] { trueno::leaky_relu(S(d.a), 0.1f, d.out); }},
      {"elu", "span", [&] { trueno::elu(S(d.a), 1.0f, d.out); }},
      {"celu", "span", [&] { trueno::celu(S(d.a), 1.0f, d.out); }},
      {"softplus", "span", [&] { trueno::softplus(S(d.a), 1.0f, 20.0f, d.out); }},
      {"gelu", "span", [&] { trueno::gelu(S(d.a), GeluApprox::none, d.out); }},
      {"gelu", "tanh", [&] { trueno::gelu(S(d.a), GeluApprox::tanh, d.out); }},
      {"softmax", "rows", [&] { trueno::softmax(S(d.a), d.rows, d.cols, d.out); }},
      {"log_softmax", "rows", [&] { trueno::log_softmax(S(d.a), d.rows, d.cols, d.out); }},
      {"layer_norm", "span", [&] { trueno::layer_norm(S(d.a), S(), S(), 1e-5f, d.out); }},
      {"layer_norm", "rows", [&] { trueno::layer_norm(S(d.a), d.rows, d.cols, S(d.g), S(d.g), 1e-5f, d.out); }},
      {"rms_norm", "span", [&] { trueno::rms_norm(S(d.a), S(), 1e-6f, d.out); }},
      {"rms_norm", "rows", [&] { trueno::rms_norm(S(d.a), d.rows, d.cols, S(d.g), 1e-6f, d.out); }},
      {"matmul", "out", [&] { trueno::matmul(d.ma, d.mb, d.mc); }},
      {"matmul", "out A^T", [&] { trueno::matmul(d.mat, d.mb, d.mc, Transpose::yes); }},
      {"gemm", "f32", [&] { trueno::gemm(1.0f, d.ma, d.mb, 0.5f, d.mc); }},
      {"gemm", "f64", [&] { trueno::gemm(1.0, d.mad, d.mbd, 0.0, d.mcd); }},
      {"matvec", "span", [&] { trueno::matvec(d.ma, S(d.x64), d.y48); }},
      {"vecmat", "span", [&] { trueno::vecmat(S(d.x48), d.ma, d.y64); }},
      {"transpose", "out", [&] { trueno::transpose(d.ma, d.mat); }},
      {"batched_matmul", "span", [&] { trueno::batched_matmul(S(d.ba), S(d.bb), d.bout, 4, 8, 16, 12); }},
      {"batched_matmul_4d", "span", [&] { trueno::batched_matmul_4d(S(d.ba), S(d.bb), d.bout, 2, 2, 8, 16, 12); }},
      {"convolve2d", "out", [&] { trueno::convolve2d(d.image, d.kernel, d.conv); }},
      {"correlate2d", "out", [&] { trueno::correlate2d(d.image, d.kernel, d.conv); }},
  };
  listed_non_allocating_forms(v, d);
  listed_reductions_and_statistics(v, false, d);
  return v;
}

class Allocation : public ::testing::TestWithParam<std::size_t> {};

// Emulated CPUs (TRUENO_TEST_MAX_N lowered, tools/run_tests.sh) keep the sizes up to that bound:
// the allocation counts do not depend on the instruction set, only the time under emulation does.
bool beyond_test_sizes(std::size_t n) {
  const char* e = std::getenv("TRUENO_TEST_MAX_N");
  return e && n > std::strtoull(e, nullptr, 10);
}

TEST_P(Allocation, AllocatingFormsAllocateTheResultOnce) {
  const std::size_t n = GetParam();
  if (beyond_test_sizes(n)) GTEST_SKIP() << "n = " << n << " is above TRUENO_TEST_MAX_N";
  Data d(n);
  for (const Audited& a : allocating_forms(d)) {
    const Counts k = count(a.run);
    EXPECT_EQ(k.trueno_allocs, a.allocations) << a.op << " (" << a.label << ") n=" << n;
    EXPECT_EQ(k.news, 0u) << a.op << " (" << a.label << ") made a std allocation, n=" << n;
  }
}

TEST_P(Allocation, SpanFormsAndReductionsAllocateNothing) {
  const std::size_t n = GetParam();
  if (beyond_test_sizes(n)) GTEST_SKIP() << "n = " << n << " is above TRUENO_TEST_MAX_N";
  Data d(n);
  for (const Audited& a : non_allocating_forms(d)) {
    const Counts k = count(a.run);
    EXPECT_EQ(k.trueno_allocs, 0u) << a.op << " (" << a.label << ") n=" << n;
    EXPECT_EQ(k.news, 0u) << a.op << " (" << a.label << ") n=" << n;
  }
}

INSTANTIATE_TEST_SUITE_P(, Allocation,
                         ::testing::Values(std::size_t{1000}, std::size_t{1} << 20, std::size_t{3000001}));

// ---- coverage: every op of the lists is audited -----------------------------------------------

// The forms of every public op, from the lists of trueno/op_list.hpp (which python/tests/
// test_errors.py checks against the Python module, so an op in no list fails there).
std::map<std::string, OpForms> listed_ops() {
  std::map<std::string, OpForms> ops;
  for (const OpInfo& op : kUnaryOps) ops[std::string(op.name)] = OpForms::array;
  for (const OpInfo& op : kBinaryOps) ops[std::string(op.name)] = OpForms::array;
#define TRUENO_X(alias, ...) ops[#alias] = OpForms::array;
  TRUENO_MATH_UNARY_ALIASES(TRUENO_X)
  TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_X)
#undef TRUENO_X
  for (const OtherOpInfo& op : kOtherOps) ops[std::string(op.name)] = op.forms;
  return ops;
}

TEST(AllocationAudit, CoversEveryListedOp) {
  const auto ops = listed_ops();
  Data d(4);
  std::set<std::string> allocating, non_allocating;
  for (const Audited& a : allocating_forms(d)) allocating.insert(a.op);
  for (const Audited& a : non_allocating_forms(d)) non_allocating.insert(a.op);
  for (const auto& [name, forms] : ops) {
    if (forms == OpForms::array || forms == OpForms::object)
      EXPECT_TRUE(allocating.count(name)) << name << " returns an object: add it to allocating_forms()";
    if (forms != OpForms::object)
      EXPECT_TRUE(non_allocating.count(name)) << name << " has a span form or is a reduction: add it to "
                                              << "non_allocating_forms()";
    if (forms == OpForms::number || forms == OpForms::out)
      EXPECT_FALSE(allocating.count(name)) << name << ": its list line says it allocates nothing";
  }
  // And the audit names nothing the lists do not (a renamed op).
  for (const auto* list : {&allocating, &non_allocating})
    for (const std::string& name : *list) EXPECT_TRUE(ops.count(name)) << name << " is in no list of op_list.hpp";
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
