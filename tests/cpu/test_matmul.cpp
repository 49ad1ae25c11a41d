// test_matmul.cpp: gemm/matmul on every backend against the long-double reference: all shapes
// from 1x1x1 through odd and prime sizes, tall, wide, M = 1 / N = 1 / K = 1 (the GEMV path),
// every transposition, alpha/beta, padded and misaligned operands, NaN/inf, shape errors.
// Tolerance: |c - c_ref| <= (k + 2) * eps(T) * (|alpha| (|A||B|)_ij + |beta c0_ij|).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/allocator.hpp"
#include "reference/matrix_reference.hpp"
#include "support/matrix_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

class Matmul : public BackendTest {};

struct Config {
  Transpose ta = Transpose::no, tb = Transpose::no;
  double alpha = 1, beta = 0;
  std::size_t pad = 0, offset = 0;
};

// Runs gemm on logical A (m x k) and B (k x n) stored as the config says; returns the number
// of elements outside the tolerance (the first few are reported).
template <class T>
int check_gemm(std::size_t m, std::size_t n, std::size_t k, const Config& cf, unsigned seed) {
  const bool at = cf.ta == Transpose::yes, bt = cf.tb == Transpose::yes;
  auto av = [&](std::size_t i, std::size_t p) { return static_cast<T>(rand_at(seed, i, p)); };
  auto bv = [&](std::size_t p, std::size_t j) { return static_cast<T>(rand_at(seed + 1, p, j)); };
  auto cv = [&](std::size_t i, std::size_t j) { return static_cast<T>(rand_at(seed + 2, i, j)); };
  Stored<T> a(at ? k : m, at ? m : k, cf.pad, cf.offset), b(bt ? n : k, bt ? k : n, cf.pad, cf.offset + 1);
  Stored<T> c(m, n, cf.pad, cf.offset);
  a.fill([&](std::size_t r, std::size_t s) { return at ? av(s, r) : av(r, s); });
  b.fill([&](std::size_t r, std::size_t s) { return bt ? bv(s, r) : bv(r, s); });
  c.fill(cv);
  if (cf.alpha == 1 && cf.beta == 0 && cf.pad % 2 == 0)
    matmul(a.cview(), b.cview(), c.view(), cf.ta, cf.tb);
  else
    gemm(static_cast<T>(cf.alpha), a.cview(), b.cview(), static_cast<T>(cf.beta), c.view(), cf.ta, cf.tb);
  EXPECT_TRUE(c.padding_intact()) << "gemm wrote outside C " << m << "x" << n << "x" << k;

  const auto ref = ref::product(
      m, n, k, [&](std::size_t i, std::size_t p) { return av(i, p); },
      [&](std::size_t p, std::size_t j) { return bv(p, j); });
  int bad = 0;
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const long double c0 = cv(i, j);
      const long double want = cf.alpha * ref.value(i, j) + cf.beta * c0;
      const long double tol = (k + 2) * eps<T>() * (std::fabs(cf.alpha) * ref.scale(i, j) + std::fabs(cf.beta * c0)) +
                              std::numeric_limits<T>::min();
      const long double got = c(i, j);
      if (!(std::fabs(got - want) <= tol) && ++bad <= 3)
        ADD_FAILURE() << "C(" << i << ", " << j << ") = " << static_cast<double>(got) << ", want "
                      << static_cast<double>(want) << " +- " << static_cast<double>(tol) << " for m " << m << " n " << n
                      << " k " << k << " ta " << at << " tb " << bt << " alpha " << cf.alpha << " beta " << cf.beta;
    }
  return bad;
}

constexpr std::size_t kDims[] = {1, 2, 3, 7, 17, 63, 65};

template <class T>
void all_small_shapes() {
  unsigned seed = 1;
  // Emulated CPUs (TRUENO_TEST_MAX_N lowered): 63 and 65 only as the largest of the three.
  const bool reduced = max_test_size() < (std::size_t{1} << 20);
  for (std::size_t m : kDims)
    for (std::size_t n : kDims)
      for (std::size_t k : kDims) {
        if (reduced && (m >= 63) + (n >= 63) + (k >= 63) > 1) continue;
        Config cf;
        cf.pad = seed % 3 == 0 ? 3 : 0;
        cf.offset = seed % 4;
        cf.ta = seed % 5 == 1 ? Transpose::yes : Transpose::no;
        cf.tb = seed % 7 < 3 ? Transpose::yes : Transpose::no;
        ASSERT_EQ(check_gemm<T>(m, n, k, cf, seed++), 0);
      }
}
TEST_P(Matmul, AllSmallShapesFloat) { all_small_shapes<float>(); }
TEST_P(Matmul, AllSmallShapesDouble) { all_small_shapes<double>(); }

// Every transposition of shapes that cross the register tile, the cache blocks and the GEMV
// path (M = 1, N = 1, K = 1). Operands under 384 KiB are read in place, larger ones packed:
// both paths cross every block boundary (float: k > 256, n > 512, m > 4096).
template <class T>
void blocked_shapes() {
  struct S {
    std::size_t m, n, k;
  };
  const S shapes[] = {{129, 129, 129}, {65, 257, 129}, {257, 17, 300},   {31, 33, 600}, {600, 40, 20},
                      {20, 1100, 30},  {1000, 8, 8},   {8, 8, 1000},     {1, 257, 129}, {257, 1, 129},
                      {1, 1, 257},     {129, 65, 1},   {1, 1100, 9},     {300, 1, 2},     // in place
                      {200, 190, 300}, {4100, 40, 30}, {100, 1100, 100}, {70, 70, 700}};  // packed
  unsigned seed = 100;
  for (const auto& s : shapes)
    for (int t = 0; t < 4; ++t) {
      // Emulated CPUs (TRUENO_TEST_MAX_N lowered) keep the packed path but skip its largest shapes.
      if (s.m * s.n * s.k > 1000000 && max_test_size() < (std::size_t{1} << 20)) continue;
      Config cf;
      cf.ta = t & 1 ? Transpose::yes : Transpose::no;
      cf.tb = t & 2 ? Transpose::yes : Transpose::no;
      cf.pad = t == 3 ? 5 : 0;
      cf.offset = t;
      ASSERT_EQ(check_gemm<T>(s.m, s.n, s.k, cf, seed++), 0);
    }
}
TEST_P(Matmul, BlockedShapesFloat) { blocked_shapes<float>(); }
TEST_P(Matmul, BlockedShapesDouble) { blocked_shapes<double>(); }

// One thread (the blocked kernel alone: the next B block packed during the current one, across
// depth, column and row blocks) and the threaded grid of blocks (whole micro-panels of rows and
// columns; tall, square and wide grids) for several thread counts, on shapes that cross the
// depth, B-block, A-block and register-tile boundaries, with transposed, padded operands and
// alpha/beta.
template <class T>
void threaded_shapes() {
  struct S {
    std::size_t m, n, k;
  };
  const S shapes[] = {{400, 530, 260}, {150, 130, 257}, {40, 700, 300}, {4100, 20, 40}};
  unsigned seed = 500;
  for (std::size_t t : {1u, 2u, 7u}) {
    set_num_threads(t);
    for (const auto& s : shapes)
      for (int v = 0; v < 4; ++v) {
        if (s.m * s.n * s.k > 1000000 && max_test_size() < (std::size_t{1} << 20)) continue;
        Config cf;
        cf.ta = v & 1 ? Transpose::yes : Transpose::no;
        cf.tb = v & 2 ? Transpose::yes : Transpose::no;
        cf.alpha = v == 3 ? -1.5 : 1;
        cf.beta = v == 3 ? 0.5 : 0;
        cf.pad = v == 2 ? 3 : 0;
        cf.offset = v;
        const int bad = check_gemm<T>(s.m, s.n, s.k, cf, seed++);
        set_num_threads(0);
        ASSERT_EQ(bad, 0) << t << " threads";
        set_num_threads(t);
      }
  }
  set_num_threads(0);
}
TEST_P(Matmul, ThreadedShapesFloat) { threaded_shapes<float>(); }
TEST_P(Matmul, ThreadedShapesDouble) { threaded_shapes<double>(); }

template <class T>
void alpha_beta() {
  const double ab[][2] = {{1, 1}, {-2.5, 0.5}, {0.5, -1}, {1, 0}, {3, 0}, {0, 2}, {0, 0}};
  unsigned seed = 200;
  for (const auto& p : ab)
    for (std::size_t n : {1, 5, 40})
      for (int t = 0; t < 4; ++t) {
        Config cf;
        cf.alpha = p[0];
        cf.beta = p[1];
        cf.ta = t & 1 ? Transpose::yes : Transpose::no;
        cf.tb = t & 2 ? Transpose::yes : Transpose::no;
        cf.pad = 1;
        ASSERT_EQ(check_gemm<T>(23, n, 19, cf, seed++), 0);
        ASSERT_EQ(check_gemm<T>(1, n, 19, cf, seed++), 0);
      }
}
TEST_P(Matmul, AlphaBetaFloat) { alpha_beta<float>(); }
TEST_P(Matmul, AlphaBetaDouble) { alpha_beta<double>(); }

// beta == 0 ignores NaN already in C; K == 0 gives beta C; alpha == 0 does not read A or B.
TEST_P(Matmul, BetaZeroAndEmptyInnerDimension) {
  for (std::size_t n : {1, 2, 33}) {
    Matrix<float> a(30, 7, 1.0f), b(7, n, 2.0f), c(30, n, std::numeric_limits<float>::quiet_NaN());
    gemm(1.0f, a, b, 0.0f, c);
    for (float v : c.span()) ASSERT_EQ(v, 14.0f);
    Matrix<float> a0(30, 0), b0(0, n), c2(30, n, 3.0f);
    gemm(2.0f, a0, b0, 0.5f, c2);
    for (float v : c2.span()) ASSERT_EQ(v, 1.5f);
    gemm(2.0f, a0, b0, 0.0f, c2);
    for (float v : c2.span()) ASSERT_EQ(v, 0.0f);
    Matrix<float> ainf(30, 7, std::numeric_limits<float>::infinity()), c3(30, n, 4.0f);
    gemm(0.0f, ainf, b, 1.0f, c3);
    for (float v : c3.span()) ASSERT_EQ(v, 4.0f);
    EXPECT_TRUE(matmul(a0, b0) == Matrix<float>(30, n));
  }
  EXPECT_EQ(matmul(Matrix<double>(0, 5), Matrix<double>(5, 3)).rows(), 0u);
}

// A NaN or infinity in A reaches exactly its row of C (every backend, GEMM and GEMV paths).
TEST_P(Matmul, NonFinitePropagate) {
  for (std::size_t m : {1, 20})
    for (std::size_t n : {1, 20}) {
      Matrix<double> a(m, 9, 0.5), b(9, n, 1.0);
      a(m - 1, 4) = std::numeric_limits<double>::quiet_NaN();
      auto c = matmul(a, b);
      for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) EXPECT_EQ(std::isnan(c(i, j)), i == m - 1) << m << "x" << n;
      a(m - 1, 4) = std::numeric_limits<double>::infinity();
      c = matmul(a, b);
      EXPECT_EQ(c(m - 1, n - 1), std::numeric_limits<double>::infinity());
    }
}

TEST_P(Matmul, ShapeErrors) {
  Matrix<float> a(3, 4), b(5, 6), c(3, 6);
  try {
    (void)matmul(a, b);
    FAIL() << "no throw";
  } catch (const SizeMismatch& e) {
    EXPECT_NE(std::string(e.what()).find("3x4"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("5x6"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)matmul(a, b, Transpose::yes), SizeMismatch);
  Matrix<float> b2(4, 6), bad_out(3, 5);
  EXPECT_NO_THROW(matmul(a, b2, c));
  EXPECT_THROW(matmul(a, b2, bad_out), SizeMismatch);
  EXPECT_THROW(gemm(1.0f, a, b2, 0.0f, bad_out), SizeMismatch);
  // Outputs that alias an input.
  Matrix<double> sq(8, 8, 1.0), other(8, 8, 1.0);
  EXPECT_THROW(matmul(sq, other, sq), InvalidArgument);
  EXPECT_THROW(gemm(1.0, other, sq, 1.0, sq), InvalidArgument);
  EXPECT_THROW(matmul(sq.view().block(0, 0, 4, 8), other, sq.view().block(3, 0, 4, 8)), InvalidArgument);
}

// The allocating form allocates its result only (scratch is per-thread and reused).
TEST_P(Matmul, AllocatesOnlyTheResult) {
  Matrix<float> a(70, 80, 1.0f), b(80, 90, 1.0f), row(1, 80, 1.0f);
  (void)matmul(a, b);  // warm the scratch
  for (const auto* lhs : {&a, &row}) {
    const std::size_t before = detail::allocation_count();
    auto c = matmul(*lhs, b);
    EXPECT_EQ(detail::allocation_count() - before, 1u);
    EXPECT_EQ(c(0, 0), 80.0f);
  }
  Matrix<float> out(70, 90);
  const std::size_t before = detail::allocation_count();
  matmul(a, b, out);
  EXPECT_EQ(detail::allocation_count(), before);
}

TRUENO_INSTANTIATE_BACKENDS(Matmul);

}  // namespace
}  // namespace trueno::test
