// test_rows.cpp: row-wise softmax, log_softmax, layer_norm and rms_norm on every backend against
// long double references written from the definitions: shapes, misalignments, in-place, the
// stability cases (1e30, -inf masks, all -inf rows) and argument validation.
#include <gtest/gtest.h>

#include <cmath>

#include "support/test_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

using LD = long double;

template <class T>
std::vector<LD> ref_softmax(std::span<const T> x, bool log) {
  LD m = -INFINITY;
  for (T v : x) m = std::fmax(m, LD(v));
  LD s = 0;
  for (T v : x) s += std::exp(LD(v) - m);
  std::vector<LD> r;
  for (T v : x) r.push_back(log ? (LD(v) - m) - std::log(s) : std::exp(LD(v) - m) / s);
  return r;
}

template <class T>
std::vector<LD> ref_norm(std::span<const T> x, std::span<const T> g, std::span<const T> b, LD eps, bool rms) {
  const LD n = LD(x.size());
  LD mean = 0, var = 0;
  for (T v : x) mean += v;
  mean = rms ? 0 : mean / n;
  for (T v : x) var += (LD(v) - mean) * (LD(v) - mean);
  const LD r = 1 / std::sqrt(var / n + eps);
  std::vector<LD> out;
  for (std::size_t i = 0; i < x.size(); ++i)
    out.push_back((LD(x[i]) - mean) * r * (g.empty() ? 1 : LD(g[i])) + (b.empty() ? 0 : LD(b[i])));
  return out;
}

class RowsTest : public BackendTest {};

// Relative error bound for softmax, absolute (scaled by |x - max| + |log sum|) for log_softmax.
template <class T>
constexpr double kEps = std::numeric_limits<T>::epsilon();

// shift moves the data; with alternate, only every other block of 1024 elements of a row (float
// rows are computed by chunks whose lane maxima pick the exp's form: within +-2^14 or not).
template <class T>
void check_softmax(std::size_t rows, std::size_t cols, std::size_t off, unsigned seed, T shift = 0,
                   bool alternate = false) {
  auto data = uniform<T>(rows * cols, -20.0, 20.0, seed);
  for (std::size_t i = 0; i < data.size(); ++i)
    if (!alternate || (i % cols) / 1024 % 2 == 1) data[i] += shift;
  for (std::size_t i = 0; i < data.size(); i += 11) data[i] = -std::numeric_limits<T>::infinity();  // masks
  Misaligned<T> in(data, off), out(std::vector<T>(data.size()), off), lout(std::vector<T>(data.size()), off);
  softmax(in.cspan(), rows, cols, out.span());
  log_softmax(in.cspan(), rows, cols, lout.span());
  for (std::size_t r = 0; r < rows; ++r) {
    const std::span<const T> row(data.data() + r * cols, cols);
    const auto want = ref_softmax<T>(row, false), lwant = ref_softmax<T>(row, true);
    LD lse = 0;
    for (std::size_t i = 0; i < cols; ++i) lse = std::fmax(lse, std::fabs(lwant[i]));
    for (std::size_t i = 0; i < cols; ++i) {
      const T got = out.span()[r * cols + i], lgot = lout.span()[r * cols + i];
      if (std::isnan(want[i])) {  // an all -inf row
        ASSERT_TRUE(std::isnan(got) && std::isnan(lgot));
        continue;
      }
      ASSERT_LE(std::fabs(LD(got) - want[i]), 4 * kEps<T> * want[i] + std::numeric_limits<T>::denorm_min())
          << "softmax rows=" << rows << " cols=" << cols << " i=" << i;
      if (std::isinf(lwant[i]))
        ASSERT_EQ(LD(lgot), lwant[i]);
      else
        ASSERT_LE(std::fabs(LD(lgot) - lwant[i]), 2 * kEps<T> * (std::fabs(lwant[i]) + lse)) << "log_softmax i=" << i;
    }
  }
}

TEST_P(RowsTest, SoftmaxShapesAndOffsets) {
  for (std::size_t cols : {1, 2, 7, 16, 17, 33, 100, 1000, 4099}) {
    for (std::size_t off : kOffsets) {
      check_softmax<float>(3, cols, off, static_cast<unsigned>(cols));
      check_softmax<double>(2, cols, off, static_cast<unsigned>(cols));
    }
  }
  check_softmax<float>(1, 1 << 15, 1, 5);
  // Chunk factors e^(shift - max) / S of ~1.5 denormal units (values ~102 below the row's max,
  // S = 1.32): the factor's rounding must not be magnified by the chunk's values (up to 2 with
  // the km ln2 shift, see rows.inl). Crafted to fail without the 2^64 scaling.
  for (unsigned seed = 9; seed < 13; ++seed) {
    auto x = uniform<float>(4096, -101.95, -101.93, seed);
    x[0] = 0.0f;
    x[1] = -1.139434f;  // ln 0.32
    const auto y = softmax(std::span<const float>(x));
    const auto want = ref_softmax<float>(std::span<const float>(x), false);
    for (std::size_t i = 0; i < x.size(); ++i)
      ASSERT_LE(std::fabs(LD(y[i]) - want[i]), 4 * kEps<float> * want[i] + std::numeric_limits<float>::denorm_min())
          << i;
  }
  // Both chunk forms (lane maxima within +-2^14, or not), whole rows and alternating blocks of one row.
  for (float shift : {60.0f, 70.0f, 90.0f, -70.0f, -100.0f, 1e4f, 3e4f, -3e4f}) {
    check_softmax<float>(2, 1000, 1, 7, shift);
    check_softmax<float>(1, 5000, 0, 8, shift, true);
  }
}

TEST_P(RowsTest, SoftmaxStability) {
  const float inf = std::numeric_limits<float>::infinity();
  std::vector<float> x = {1e30f, 0.0f, -1e30f, 1e30f, 3.0f};
  auto y = softmax(std::span<const float>(x));
  EXPECT_EQ(y[0], 0.5f);
  EXPECT_EQ(y[3], 0.5f);
  EXPECT_EQ(y[1], 0.0f);
  auto ly = log_softmax(std::span<const float>(x));
  EXPECT_FLOAT_EQ(ly[0], -std::log(2.0f));
  EXPECT_EQ(ly[2], -2e30f);  // x - max - log(sum) = -1e30 - 1e30 - log 2
  std::vector<float> same(37, 88.0f);
  for (float v : softmax(std::span<const float>(same))) EXPECT_FLOAT_EQ(v, 1.0f / 37);
  std::vector<float> tiny(20, -1e30f);  // all equal and huge negative: uniform, not 0/0
  for (float v : softmax(std::span<const float>(tiny))) EXPECT_FLOAT_EQ(v, 1.0f / 20);
  std::vector<float> masked = {-inf, 1.0f, -inf, 1.0f};
  auto m = softmax(std::span<const float>(masked));
  EXPECT_EQ(m[0], 0.0f);
  EXPECT_EQ(m[1], 0.5f);
  std::vector<float> all_masked(9, -inf);
  for (float v : softmax(std::span<const float>(all_masked))) EXPECT_TRUE(std::isnan(v));
  std::vector<float> with_nan = {1.0f, std::nanf(""), 2.0f};
  for (float v : softmax(std::span<const float>(with_nan))) EXPECT_TRUE(std::isnan(v));
  // in place
  std::vector<float> ip = {1, 2, 3, 4, 5, 6};
  const auto want = softmax(std::span<const float>(ip), 2, 3);
  softmax(std::span<const float>(ip), 2, 3, std::span<float>(ip));
  for (std::size_t i = 0; i < ip.size(); ++i) EXPECT_EQ(ip[i], want[i]);
}

template <class T>
void check_norms(std::size_t rows, std::size_t cols, std::size_t off, bool affine) {
  auto data = uniform<T>(rows * cols, -3.0, 5.0, static_cast<unsigned>(cols));
  for (std::size_t i = 0; i < data.size(); i += 3) data[i] += T(1000);  // a large mean
  const auto g = affine ? uniform<T>(cols, 0.5, 2.0, 1) : std::vector<T>{};
  const auto b = affine ? uniform<T>(cols, -1.0, 1.0, 2) : std::vector<T>{};
  Misaligned<T> in(data, off), out(std::vector<T>(data.size()), off), rout(std::vector<T>(data.size()), off);
  layer_norm(in.cspan(), rows, cols, std::span<const T>(g), std::span<const T>(b), T(1e-5), out.span());
  rms_norm(in.cspan(), rows, cols, std::span<const T>(g), T(1e-6), rout.span());
  for (std::size_t r = 0; r < rows; ++r) {
    const std::span<const T> row(data.data() + r * cols, cols);
    const auto lw = ref_norm<T>(row, g, b, LD(T(1e-5)), false), rw = ref_norm<T>(row, g, {}, LD(T(1e-6)), true);
    for (std::size_t i = 0; i < cols; ++i) {
      // Computed in double, rounded once: 0.5 ULP plus the double statistics' error.
      ASSERT_LE(std::fabs(LD(out.span()[r * cols + i]) - lw[i]), 8 * kEps<T> * (std::fabs(lw[i]) + 1))
          << "layer_norm cols=" << cols;
      ASSERT_LE(std::fabs(LD(rout.span()[r * cols + i]) - rw[i]), 4 * kEps<T> * std::fabs(rw[i]) + 1e-300)
          << "rms_norm cols=" << cols;
    }
  }
}

TEST_P(RowsTest, NormsShapesAndOffsets) {
  for (std::size_t cols : {1, 3, 8, 17, 64, 1000, 4099}) {
    for (std::size_t off : kOffsets) {
      check_norms<float>(3, cols, off, true);
      check_norms<float>(2, cols, off, false);
      check_norms<double>(2, cols, off, true);
    }
  }
}

TRUENO_INSTANTIATE_BACKENDS(RowsTest);

TEST(RowsErrors, ShapesAndEps) {
  std::vector<float> x(12), o(12), g(4), g3(3);
  const std::span<const float> xs(x), gs(g), g3s(g3), none;
  EXPECT_THROW(softmax(xs, 5, 3), SizeMismatch);
  EXPECT_THROW(log_softmax(xs, 3, 5, std::span<float>(o)), SizeMismatch);
  EXPECT_THROW(layer_norm(xs, 3, 4, g3s, none, 1e-5f), SizeMismatch);
  EXPECT_THROW(layer_norm(xs, 3, 4, gs, g3s, 1e-5f), SizeMismatch);
  EXPECT_THROW(layer_norm(xs, 3, 4, gs, gs, 0.0f), InvalidArgument);
  EXPECT_THROW(rms_norm(xs, 3, 4, gs, -1.0f), InvalidArgument);
  EXPECT_THROW(rms_norm(xs, 3, 4, gs, std::nanf("")), InvalidArgument);
  EXPECT_THROW(rms_norm(xs, 4, 4, gs, 1e-6f), SizeMismatch);
  EXPECT_NO_THROW(layer_norm(xs, 3, 4, none, none, 1e-5f));
  EXPECT_EQ(softmax(std::span<const float>()).size(), 0u);
  EXPECT_EQ(softmax(std::span<const float>(), 0, 7).size(), 0u);
  EXPECT_EQ(rms_norm(std::span<const float>(), 5, 0, none, 1e-6f).size(), 0u);
}

}  // namespace
}  // namespace trueno::test
