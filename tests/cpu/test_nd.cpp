// test_nd.cpp: the N-d forms of the listed ops (ArrayView operands): broadcasting, strides
// (steps, reversed, transposed, misaligned), scalars, in place, and the errors. The oracle
// materializes each broadcast input into a contiguous array with plain index loops and runs
// the 1-d span form, whose accuracy the math suites establish: every element of the N-d result
// must be the very same bits (the same kernel on the same value; any NaN for a NaN).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <vector>

#include "support/nd_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

/// The input's element for the output index (NumPy's broadcasting, aligned on the right).
template <class T>
T broadcast_at(Operand<T>& in, const std::vector<std::size_t>& out_idx) {
  std::vector<std::size_t> idx(in.shape.size());
  for (std::size_t d = 0; d < in.shape.size(); ++d) {
    const std::size_t od = out_idx.size() - in.shape.size() + d;
    idx[d] = in.shape[d] == 1 ? 0 : out_idx[od];
  }
  return in.at(idx);
}

// The same bits, or both NaN: a NaN's sign and payload depend on which operand the instruction
// took it from, which differs between a kernel's full and partial registers (IEEE leaves it open).
template <class T>
bool same_bits(T a, T b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0 || (std::isnan(a) && std::isnan(b));
}

/// A random broadcasting partner of shape: some dimensions 1, some leading ones dropped.
std::vector<std::size_t> partner_of(const std::vector<std::size_t>& shape, std::mt19937& g) {
  std::vector<std::size_t> p = shape;
  for (auto& s : p)
    if (g() % 3 == 0) s = 1;
  const std::size_t drop = p.empty() ? 0 : g() % (p.size() + 1);
  p.erase(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(drop));
  return p;
}

template <class T>
using BinaryNd = void (*)(ArrayView<const T>, ArrayView<const T>, ArrayView<T>);
template <class T>
using BinarySpan = void (*)(std::span<const T>, std::span<const T>, std::span<T>);
template <class T>
using UnaryNd = void (*)(ArrayView<const T>, ArrayView<T>);
template <class T>
using UnarySpan = void (*)(std::span<const T>, std::span<T>);

/// One binary case: out = op(a, b) against the span form on materialized operands.
template <class T>
void check_binary(const char* name, BinaryNd<T> nd, BinarySpan<T> flat, const std::vector<std::size_t>& out_shape,
                  Operand<T>& a, Operand<T>& b, Kind out_kind, std::mt19937& g) {
  Operand<T> out = make<T>(out_shape, out_kind, g);
  nd(a.cview(), b.cview(), out.view());
  std::vector<T> ea, eb;
  for_each_index(out_shape, [&](const auto& idx) {
    ea.push_back(broadcast_at(a, idx));
    eb.push_back(broadcast_at(b, idx));
  });
  std::vector<T> expected(ea.size());
  flat(ea, eb, expected);
  std::size_t i = 0, bad = 0;
  for_each_index(out_shape, [&](const auto& idx) {
    if (!same_bits(out.at(idx), expected[i]) && bad++ < 3)
      ADD_FAILURE() << name << " at flat index " << i << ": " << out.at(idx) << " expected " << expected[i];
    ++i;
  });
}

template <class T>
void check_unary(const char* name, UnaryNd<T> nd, UnarySpan<T> flat, const std::vector<std::size_t>& out_shape,
                 Operand<T>& x, Kind out_kind, std::mt19937& g) {
  Operand<T> out = make<T>(out_shape, out_kind, g);
  nd(x.cview(), out.view());
  std::vector<T> ex;
  for_each_index(out_shape, [&](const auto& idx) { ex.push_back(broadcast_at(x, idx)); });
  std::vector<T> expected(ex.size());
  flat(ex, expected);
  std::size_t i = 0, bad = 0;
  for_each_index(out_shape, [&](const auto& idx) {
    if (!same_bits(out.at(idx), expected[i]) && bad++ < 3)
      ADD_FAILURE() << name << " at flat index " << i << ": " << out.at(idx) << " expected " << expected[i];
    ++i;
  });
}

class NdTest : public BackendTest {};

template <class T>
void random_binary_cases(unsigned seed, int cases, std::size_t max_dim) {
  std::mt19937 g(seed);
  for (int c = 0; c < cases; ++c) {
    const auto shape = random_shape(g, max_dim);
    const auto pa = g() % 2 ? shape : partner_of(shape, g), pb = partner_of(shape, g);
    auto a = make<T>(pa, kKinds[g() % 5], g);
    auto b = make<T>(pb, kKinds[g() % 5], g);
    const Kind ok = kKinds[g() % 5];
    SCOPED_TRACE(::testing::Message() << "case " << c << " ndim " << shape.size());
#define TRUENO_X(name, ...)                                                                                            \
  check_binary<T>(#name, static_cast<BinaryNd<T>>(&trueno::name), static_cast<BinarySpan<T>>(&trueno::name), shape, a, \
                  b, ok, g);
    TRUENO_BINARY_OPS(TRUENO_X)
#undef TRUENO_X
  }
}

TEST_P(NdTest, BinaryOpsBroadcastOverAnyLayout) {
  random_binary_cases<float>(1, 60, 6);
  random_binary_cases<double>(2, 60, 6);
}

TEST_P(NdTest, UnaryOpsOverAnyLayout) {
  std::mt19937 g(3);
  for (int c = 0; c < 12; ++c) {
    const auto shape = random_shape(g, 7);
    const auto px = g() % 2 ? shape : partner_of(shape, g);
    auto xf = make<float>(px, kKinds[g() % 5], g);
    auto xd = make<double>(px, kKinds[g() % 5], g);
    const Kind ok = kKinds[g() % 5];
    SCOPED_TRACE(::testing::Message() << "case " << c << " ndim " << shape.size());
#define TRUENO_X(name, ...)                                                                                           \
  check_unary<float>(#name, static_cast<UnaryNd<float>>(&trueno::name), static_cast<UnarySpan<float>>(&trueno::name), \
                     shape, xf, ok, g);                                                                               \
  check_unary<double>(#name, static_cast<UnaryNd<double>>(&trueno::name),                                             \
                      static_cast<UnarySpan<double>>(&trueno::name), shape, xd, ok, g);
    TRUENO_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
  }
}

// Sizes large enough to split over threads, in the shapes the broadcasting benchmarks use:
// a row and a column broadcast, a scalar, a transposed operand, a step-2 view.
TEST_P(NdTest, LargeShapesSplitOverThreads) {
  std::mt19937 g(4);
  const std::size_t r = max_test_size() >= (std::size_t{1} << 20) ? 1024 : 64, c = 1027;
  auto x = make<float>({r, c}, Kind::c_order, g);
  auto row = make<float>({c}, Kind::c_order, g);
  auto col = make<float>({r, 1}, Kind::c_order, g);
  auto two = make<float>({}, Kind::c_order, g);
  auto xt = make<float>({r, c}, Kind::transposed, g);
  auto xs = make<float>({r, c}, Kind::step2, g);
  const auto add = static_cast<BinaryNd<float>>(&trueno::add);
  const auto add_s = static_cast<BinarySpan<float>>(&trueno::add);
  const auto mul = static_cast<BinaryNd<float>>(&trueno::mul);
  const auto mul_s = static_cast<BinarySpan<float>>(&trueno::mul);
  check_binary<float>("add row", add, add_s, {r, c}, x, row, Kind::c_order, g);
  check_binary<float>("mul col", mul, mul_s, {r, c}, x, col, Kind::c_order, g);
  check_binary<float>("mul scalar", mul, mul_s, {r, c}, two, x, Kind::c_order, g);
  check_binary<float>("add transposed", add, add_s, {r, c}, xt, x, Kind::c_order, g);
  check_binary<float>("add step 2", add, add_s, {r, c}, xs, row, Kind::transposed, g);
  check_unary<float>("exp step 2", static_cast<UnaryNd<float>>(&trueno::exp),
                     static_cast<UnarySpan<float>>(&trueno::exp), {r, c}, xs, Kind::c_order, g);
}

// fma, lerp and clamp with array bounds over views: the same bits as their span forms (clamp:
// minimum(maximum(x, lo), hi) of the listed spans) on materialized operands.
TEST_P(NdTest, TernaryOpsBroadcast) {
  std::mt19937 g(7);
  for (int c = 0; c < 40; ++c) {
    const auto shape = random_shape(g, 6);
    auto x = make<float>(partner_of(shape, g), kKinds[g() % 5], g);
    auto y = make<float>(partner_of(shape, g), kKinds[g() % 5], g);
    auto z = make<float>(g() % 2 ? shape : partner_of(shape, g), kKinds[g() % 5], g);
    std::vector<float> ex, ey, ez;
    for_each_index(shape, [&](const auto& idx) {
      ex.push_back(broadcast_at(x, idx));
      ey.push_back(broadcast_at(y, idx));
      ez.push_back(broadcast_at(z, idx));
    });
    std::vector<float> want(ex.size()), tmp(ex.size());
    const auto check = [&](const char* what, Operand<float>& out) {
      std::size_t i = 0;
      for_each_index(shape, [&](const auto& idx) {
        ASSERT_TRUE(same_bits(out.at(idx), want[i])) << what << " case " << c << " at " << i;
        ++i;
      });
    };
    Operand<float> out = make<float>(shape, kKinds[g() % 5], g);
    trueno::fma(x.cview(), y.cview(), z.cview(), out.view());
    trueno::fma(std::span<const float>(ex), ey, ez, std::span<float>(want));
    check("fma", out);
    trueno::lerp(x.cview(), y.cview(), 0.75f, out.view());
    trueno::lerp(std::span<const float>(ex), ey, 0.75f, std::span<float>(want));
    check("lerp", out);
    trueno::clamp(x.cview(), y.cview(), z.cview(), out.view());
    trueno::maximum(std::span<const float>(ex), ey, std::span<float>(tmp));
    trueno::minimum(std::span<const float>(tmp), ez, std::span<float>(want));
    check("clamp", out);
  }
}

// softmax / log_softmax along each axis: the rows form on x with that axis moved last
// (materialized with index loops) gives the very same bits.
TEST_P(NdTest, SoftmaxAlongAnyAxis) {
  std::mt19937 g(6);
  for (int c = 0; c < 30; ++c) {
    auto shape = random_shape(g, 7);
    if (shape.empty()) shape = {4};
    auto x = make<double>(shape, kKinds[g() % 5], g);
    for (auto& v : x.mem) v = std::isfinite(v) ? std::fmod(v, 50.0) : v;
    const std::size_t axis = g() % shape.size();
    const Kind ok = kKinds[g() % 5];
    for (bool log : {false, true}) {
      Operand<double> out = make<double>(shape, ok, g);
      (log ? trueno::log_softmax(x.cview(), axis, out.view()) : trueno::softmax(x.cview(), axis, out.view()));
      // Rows: every index with the axis coordinate last.
      std::vector<std::size_t> moved;
      for (std::size_t d = 0; d < shape.size(); ++d)
        if (d != axis) moved.push_back(shape[d]);
      moved.push_back(shape[axis]);
      std::vector<double> rows, expected;
      std::vector<std::vector<std::size_t>> where;
      for_each_index(moved, [&](const std::vector<std::size_t>& m) {
        std::vector<std::size_t> idx(shape.size());
        for (std::size_t d = 0, k = 0; d < shape.size(); ++d) idx[d] = d == axis ? m.back() : m[k++];
        rows.push_back(x.at(idx));
        where.push_back(idx);
      });
      expected.resize(rows.size());
      const std::size_t cols = shape[axis];
      (log ? trueno::log_softmax(std::span<const double>(rows), rows.size() / cols, cols, std::span<double>(expected))
           : trueno::softmax(std::span<const double>(rows), rows.size() / cols, cols, std::span<double>(expected)));
      for (std::size_t i = 0; i < rows.size(); ++i)
        ASSERT_TRUE(same_bits(out.at(where[i]), expected[i])) << "case " << c << " axis " << axis << " at " << i;
    }
  }
}

TRUENO_INSTANTIATE_BACKENDS(NdTest);

TEST(Nd, InPlaceOnTheSameView) {
  std::mt19937 g(5);
  auto a = make<float>({5, 6}, Kind::transposed, g);
  auto row = make<float>({6}, Kind::reversed, g);
  std::vector<float> expected;
  for_each_index(a.shape, [&](const auto& idx) { expected.push_back(a.at(idx) * broadcast_at(row, idx)); });
  trueno::mul(a.cview(), row.cview(), a.view());
  std::size_t i = 0;
  for_each_index(a.shape, [&](const auto& idx) { EXPECT_TRUE(same_bits(a.at(idx), expected[i++])); });
}

TEST(Nd, Errors) {
  std::vector<float> m(64, 1.0f);
  ArrayView<const float> a(m.data(), {2, 3}), b(m.data() + 6, {4}), c(m.data() + 10, {3});
  ArrayView<float> out(m.data() + 20, {2, 3});
  EXPECT_THROW(trueno::add(a, b, out), SizeMismatch);  // (4,) does not broadcast to (2, 3)
  try {
    trueno::add(a, b, out);
  } catch (const SizeMismatch& e) {
    EXPECT_STREQ(e.what(), "trueno::add: b has shape (4,), which does not broadcast to the result's shape (2, 3)");
  }
  EXPECT_NO_THROW(trueno::add(a, c, out));
  ArrayView<float> small(m.data() + 20, {3});
  EXPECT_THROW(trueno::add(a, c, small), SizeMismatch);  // the result must have out's shape
  ArrayView<float> shifted(m.data() + 1, {2, 3});
  EXPECT_THROW(trueno::add(a, c, shifted), InvalidArgument);  // partial overlap with a
  ArrayView<float> broadcast_out(m.data() + 30, {2, 3}, {0, 1});
  EXPECT_THROW(trueno::add(a, c, broadcast_out), InvalidArgument);
  EXPECT_THROW(trueno::softmax(a, 2, ArrayView<float>(m.data() + 40, {2, 3})), InvalidArgument);
  EXPECT_THROW(trueno::softmax(a, 1, ArrayView<float>(m.data() + 40, {3, 2})), SizeMismatch);
  EXPECT_THROW(trueno::softmax(a, 1, ArrayView<float>(m.data() + 1, {2, 3})), InvalidArgument);
  std::vector<std::size_t> nine(9, 1);
  EXPECT_THROW(ArrayView<const float>(m.data(), nine.data(), 9), InvalidArgument);
  ArrayView<float> empty(m.data() + 40, {0, 3});
  EXPECT_NO_THROW(trueno::add(ArrayView<const float>(m.data(), {0, 3}), c, empty));
}

}  // namespace
}  // namespace trueno::test
