// test_fuzz_findings.cpp: regression tests for what the fuzzers found (tests/fuzz, docs/design.md
// "Sanitizers and fuzzing"), on every backend, in every build (native, ASan). The crashing inputs
// themselves are also kept in the fuzzers' seed corpora, which every fuzz run replays first.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

using LD = long double;

class FuzzFindings : public BackendTest {};

// fuzz_rows: layer_norm of double rows whose first element is far from the mean. The statistics
// were sum d and sum d^2 of d = x - x[0] in one pass; for double data d and d^2 round, and
// var = (s2 - s1^2 / n) / n cancelled by up to n times (x = {456, small values...}, 33 columns:
// 7.5 ULP; x = {1e8, 0, ..., 0}, 1000 columns: hundreds). Bound: docs/accuracy.md,
// |error| <= 8 eps (|y| + 1).
void expect_layer_norm_within_bound(const std::vector<double>& x) {
  const Vector<double> y = layer_norm(std::span<const double>(x), {}, {}, 1e-5);
  const LD n = LD(x.size());
  LD mean = 0, var = 0;
  for (double v : x) mean += v;
  mean /= n;
  for (double v : x) var += (LD(v) - mean) * (LD(v) - mean);
  const LD r = 1 / std::sqrt(var / n + LD(1e-5));
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double want = double((LD(x[i]) - mean) * r);
    EXPECT_LE(std::fabs(y[i] - want), 8 * std::ldexp(1.0, -53) * (std::fabs(want) + 1))
        << "element " << i << " of " << x.size() << ": got " << y[i] << ", want " << want;
  }
}

TEST_P(FuzzFindings, LayerNormDoubleFirstElementFarFromTheMean) {
  // The fuzzer's row (a crash input of fuzz_rows, kept in tests/fuzz/corpus/rows/).
  std::vector<double> x = {
      456,     4.25, -5.8125, 4.1875, 0.78125, 2.1875, 1.5625, -0.0,          3.8125, 4.482269287109375e-05,
      -0.4375, -0.0, 7.625,   -5.75,  1.375,   5.0625, 1.75,   -0.01025390625};
  x.resize(33, 0.0);
  expect_layer_norm_within_bound(x);
  // The same effect, larger: one outlier first, n - 1 zeros.
  for (std::size_t n : {2u, 17u, 1000u, 4099u}) {
    std::vector<double> z(n, 0.0);
    z[0] = 1e8;
    expect_layer_norm_within_bound(z);
  }
}

TRUENO_INSTANTIATE_BACKENDS(FuzzFindings);

// fuzz_nd: an empty out view of shape (3, 0). Its C-order strides were {0, 1} (the stride of a
// dimension before a 0-length one multiplied by 0), so the out-is-broadcast check rejected an
// output with nothing to write. C-order views now take strides as if empty dimensions had length
// 1 (NumPy's strides are never 0 there either), and the check skips empty outputs.
TEST(FuzzFindingsNd, EmptyOutIsNotBroadcast) {
  std::vector<double> x(6, 1.0);
  std::vector<std::int64_t> idx(1);
  const ArrayView<std::int64_t> out(idx.data(), {3, 0});
  EXPECT_EQ(out.stride(0), 1);
  EXPECT_NO_THROW(argmax(ArrayView<const double>(x.data(), {3, 2, 0}), 1, out));
  std::vector<double> o(1);
  EXPECT_NO_THROW(add(ArrayView<const double>(x.data(), {3, 0}), ArrayView<const double>(x.data(), {0}),
                      ArrayView<double>(o.data(), {3, 0})));
}

}  // namespace
}  // namespace trueno::test
