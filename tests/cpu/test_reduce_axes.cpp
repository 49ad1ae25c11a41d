// test_reduce_axes.cpp: the axis reductions (N-d forms of reductions.hpp and statistics.hpp) on
// every backend, over random shapes, layouts and axis sets, against a long double reference
// computed with plain index loops, within the whole-array forms' bounds (docs/accuracy.md,
// "Reductions" and "Statistics"), extremes and indices exact. The three executor paths (contiguous runs, columns, the
// copy) are each reached: axis -1 of a C array, axis 0 of a C array, a reversed or interleaved set.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>

#include "support/nd_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

struct Ref {
  long double sum = 0, sum_abs = 0, sum_sq = 0, linf = 0, min = INFINITY, max = -INFINITY;
  std::int64_t argmin = -1, argmax = -1;
  bool nan = false;
  std::size_t n = 0;
  std::vector<long double> values;
};

// The reference of every run: key = the output's flat index (C order over the kept dims).
template <class T>
std::map<std::size_t, Ref> reference(Operand<T>& x, const std::vector<bool>& reduced, std::size_t arg_axis) {
  std::map<std::size_t, Ref> runs;
  for_each_index(x.shape, [&](const std::vector<std::size_t>& idx) {
    std::size_t key = 0;
    for (std::size_t d = 0; d < idx.size(); ++d)
      if (!reduced[d]) key = key * x.shape[d] + idx[d];
    Ref& r = runs[key];
    const long double v = x.at(idx);
    const auto pos = static_cast<std::int64_t>(arg_axis < idx.size() ? idx[arg_axis] : 0);
    if (std::isnan(v) && !r.nan) r.argmin = r.argmax = pos;
    if (!r.nan && !std::isnan(v) && (r.argmin < 0 || v < r.min)) r.argmin = pos;
    if (!r.nan && !std::isnan(v) && (r.argmax < 0 || v > r.max)) r.argmax = pos;
    r.nan = r.nan || std::isnan(v);
    r.min = std::fmin(r.min, v), r.max = std::fmax(r.max, v);
    r.sum += v, r.sum_abs += std::fabs(v), r.sum_sq += v * v, r.linf = std::fmax(r.linf, std::fabs(v));
    r.values.push_back(v);
    ++r.n;
  });
  return runs;
}

// docs/accuracy.md, "Reductions": float ulp(r)/2 + 2^-23 sum|t|; double (log2 n + 40) 2^-53 sum|t|.
template <class T>
long double bound(long double result, std::size_t n, long double magnitude) {
  const T r = static_cast<T>(std::fabs(result));
  const long double ulp = std::nextafter(r, T(INFINITY)) - r;
  if (sizeof(T) == 4) return ulp / 2 + std::ldexp(1.0L, -23) * magnitude;
  return ulp / 2 + (std::log2(static_cast<long double>(n > 2 ? n : 2)) + 40) * std::ldexp(1.0L, -53) * magnitude;
}

// The statistics bound: 4e-6 relative (float), 1e-12 (double), of a long double two-pass result.
template <class T>
long double relative(long double want) {
  return (sizeof(T) == 4 ? 4e-6L : 1e-12L) * std::fabs(want) + std::numeric_limits<T>::denorm_min();
}

class ReduceAxesTest : public BackendTest {};

template <class T>
void random_cases(unsigned seed, int cases, bool specials) {
  std::mt19937 g(seed);
  for (int c = 0; c < cases; ++c) {
    auto shape = random_shape(g, 9);
    if (shape.empty()) shape = {5};
    Operand<T> x = make<T>(shape, kKinds[g() % 5], g);
    if (!specials)
      for (auto& v : x.mem)
        if (!std::isfinite(v)) v = T(1.5);
    std::vector<bool> reduced(shape.size());
    Axes axes;
    for (std::size_t d = 0; d < shape.size(); ++d)
      if ((reduced[d] = g() % 2 == 0)) axes.add(d);
    std::vector<std::size_t> out_shape;
    for (std::size_t d = 0; d < shape.size(); ++d)
      if (!reduced[d]) out_shape.push_back(shape[d]);
    const std::size_t arg_axis = g() % shape.size();
    auto runs = reference(x, reduced, arg_axis);
    SCOPED_TRACE(::testing::Message() << "case " << c << " ndim " << shape.size());
    std::vector<T> out(runs.size());
    const ArrayView<T> ov(out.data(), out_shape.data(), out_shape.size());
    const auto check = [&](const char* op, auto expected, auto tolerance) {
      for (const auto& [k, r] : runs) {
        const long double want = expected(r), got = out[k];
        if (std::isnan(want)) {
          EXPECT_TRUE(std::isnan(got)) << op << " run " << k;
        } else if (std::isinf(static_cast<T>(want))) {  // beyond T's range: inf
          EXPECT_EQ(got, static_cast<T>(want)) << op << " run " << k;
        } else {
          EXPECT_LE(std::fabs(got - want), tolerance(r, want))
              << op << " run " << k << " got " << got << " want " << want;
        }
      }
    };
    const auto exact = [](const Ref&, long double) { return 0.0L; };
    trueno::sum(x.cview(), axes, ov);
    check(
        "sum", [](const Ref& r) { return r.sum; },
        [](const Ref& r, long double w) { return bound<T>(w, r.n, r.sum_abs); });
    trueno::sum_of_squares(x.cview(), axes, ov);
    check(
        "sum_of_squares", [](const Ref& r) { return r.sum_sq; },
        [](const Ref& r, long double w) { return bound<T>(w, r.n, r.sum_sq); });
    trueno::norm_l1(x.cview(), axes, ov);
    check(
        "norm_l1", [](const Ref& r) { return r.sum_abs; },
        [](const Ref& r, long double w) { return bound<T>(w, r.n, r.sum_abs); });
    trueno::max(x.cview(), axes, ov);
    check(
        "max", [](const Ref& r) { return r.nan ? NAN : r.max; }, exact);
    trueno::min(x.cview(), axes, ov);
    check(
        "min", [](const Ref& r) { return r.nan ? NAN : r.min; }, exact);
    trueno::norm_linf(x.cview(), axes, ov);
    check(
        "norm_linf", [](const Ref& r) { return r.nan ? NAN : r.linf; }, exact);
    trueno::mean(x.cview(), axes, ov);
    check(
        "mean", [](const Ref& r) { return r.sum / r.n; },
        [](const Ref& r, long double w) { return bound<T>(w, r.n, r.sum_abs / r.n); });
    // Variance where the squared deviations stay finite in T (overflowing runs give inf or NaN,
    // as the whole-array form's).
    trueno::variance(x.cview(), axes, ov, 0);
    for (auto it = runs.begin(); it != runs.end();)
      it = it->second.nan || it->second.linf > 1e15L ? runs.erase(it) : std::next(it);
    check(
        "variance",
        [](const Ref& r) {
          const long double m = r.sum / r.n;
          long double s = 0;
          for (long double v : r.values) s += (v - m) * (v - m);
          return s / r.n;
        },
        [](const Ref&, long double w) { return relative<T>(w); });
    // Indices along arg_axis: the out shape is x's without that one dimension.
    std::vector<bool> one(shape.size());
    one[arg_axis] = true;
    auto arg_runs = reference(x, one, arg_axis);
    std::vector<std::size_t> arg_shape;
    for (std::size_t d = 0; d < shape.size(); ++d)
      if (d != arg_axis) arg_shape.push_back(shape[d]);
    std::vector<std::int64_t> idx(arg_runs.size());
    const ArrayView<std::int64_t> iv(idx.data(), arg_shape.data(), arg_shape.size());
    trueno::argmax(x.cview(), arg_axis, iv);
    for (const auto& [k, r] : arg_runs) EXPECT_EQ(idx[k], r.argmax) << "argmax run " << k;
    trueno::argmin(x.cview(), arg_axis, iv);
    for (const auto& [k, r] : arg_runs) EXPECT_EQ(idx[k], r.argmin) << "argmin run " << k;
  }
}

TEST_P(ReduceAxesTest, RandomShapesLayoutsAndAxes) {
  random_cases<float>(11, 40, false);
  random_cases<double>(12, 40, false);
}

TEST_P(ReduceAxesTest, SpecialValues) {
  random_cases<float>(13, 20, true);
  random_cases<double>(14, 20, true);
}

// Large enough to split over threads, on each path: runs (axis 1), columns (axis 0), copy
// (axis 0 of a transposed view whose rows are strided).
TEST_P(ReduceAxesTest, LargeOnEveryPath) {
  std::mt19937 g(15);
  const std::size_t r = max_test_size() >= (std::size_t{1} << 20) ? 1500 : 60, c = 700;
  for (Kind k : {Kind::c_order, Kind::transposed, Kind::step2}) {
    Operand<float> x = make<float>({r, c}, k, g);
    for (auto& v : x.mem)
      if (!(std::fabs(v) < 1e30f)) v = 0.5f;  // no overflow: the bound is for finite sums
    for (std::size_t axis : {0u, 1u}) {
      std::vector<bool> reduced = {axis == 0, axis == 1};
      auto runs = reference(x, reduced, axis);
      std::vector<float> out(runs.size());
      std::vector<double> wide(runs.size());
      const std::size_t n = axis == 0 ? c : r;
      trueno::sum(x.cview(), Axes{axis}, ArrayView<float>(out.data(), {n}));
      trueno::sum(x.cview(), Axes{axis}, ArrayView<double>(wide.data(), {n}));
      for (const auto& [key, ref] : runs) {
        EXPECT_LE(std::fabs(out[key] - ref.sum), bound<float>(ref.sum, ref.n, ref.sum_abs)) << key;
        EXPECT_LE(std::fabs(wide[key] - ref.sum), bound<double>(ref.sum, ref.n, ref.sum_abs)) << key;
      }
    }
  }
}

TRUENO_INSTANTIATE_BACKENDS(ReduceAxesTest);

TEST(ReduceAxes, Errors) {
  std::vector<float> x(24, 1.0f), out(24);
  const ArrayView<const float> v(x.data(), {2, 3, 4});
  EXPECT_THROW(trueno::sum(v, Axes{3}, ArrayView<float>(out.data(), {2, 3, 4})), InvalidArgument);
  EXPECT_THROW(trueno::sum(v, Axes{1}, ArrayView<float>(out.data(), {2, 4, 1})), SizeMismatch);
  EXPECT_NO_THROW(trueno::sum(v, Axes{1}, ArrayView<float>(out.data(), {2, 1, 4})));  // keepdims
  EXPECT_NO_THROW(trueno::sum(v, Axes{1}, ArrayView<float>(out.data(), {2, 4})));
  EXPECT_THROW(trueno::sum(v, Axes{1}, ArrayView<float>(x.data(), {2, 4})), InvalidArgument);  // overlaps x
  const ArrayView<const float> empty(x.data(), {0, 4});
  EXPECT_NO_THROW(trueno::sum(empty, Axes{0}, ArrayView<float>(out.data(), {4})));
  EXPECT_EQ(out[0], 0.0f);
  EXPECT_THROW(trueno::mean(empty, Axes{0}, ArrayView<float>(out.data(), {4})), EmptyInput);
  EXPECT_NO_THROW(trueno::max(empty, Axes{1}, ArrayView<float>(out.data(), {0})));  // no output
  EXPECT_THROW(trueno::variance(v, Axes{0}, ArrayView<float>(out.data(), {3, 4}), 2), InvalidArgument);
  std::vector<std::int64_t> idx(12);
  EXPECT_THROW(trueno::argmax(v, 3, ArrayView<std::int64_t>(idx.data(), {2, 3})), InvalidArgument);
}

}  // namespace
}  // namespace trueno::test
