// test_matrix_ops.cpp: Matrix / view types, matvec / vecmat (GEMV), transpose and the batched
// products on every backend, against the long-double reference; shape errors and aliasing.
// GEMV tolerance: |y - y_ref| <= (n + 2) * eps(T) * sum |a_ij x_j|; transpose is exact.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/allocator.hpp"
#include "reference/matrix_reference.hpp"
#include "support/matrix_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

// ---- types ---------------------------------------------------------------------------------
TEST(MatrixTypes, ConstructionAndAccess) {
  std::vector<float> v = {1, 2, 3, 4, 5, 6};
  const float* raw = v.data();
  Matrix<float> m(2, 3, std::move(v));
  EXPECT_EQ(m.data(), raw) << "a std::vector&& is adopted, not copied";
  EXPECT_EQ(m.rows(), 2u);
  EXPECT_EQ(m.cols(), 3u);
  EXPECT_EQ(m.stride(), 3u);
  EXPECT_EQ(m(1, 2), 6.0f);
  EXPECT_EQ(m.row(1)[0], 4.0f);
  EXPECT_EQ(m.row(1).size(), 3u);
  const std::vector<double> src = {1, 2, 3, 4};
  auto c = Matrix<double>::from_span(2, 2, src);
  EXPECT_NE(c.data(), src.data());
  EXPECT_EQ(c(1, 0), 3.0);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(Matrix<float>(7, 9).data()) % 64, 0u);
  EXPECT_TRUE((Matrix<float>{{1, 2, 3}, {4, 5, 6}}) == m);
  EXPECT_TRUE(Matrix<double>::identity(3) == (Matrix<double>{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
  EXPECT_THROW(Matrix<float>(2, 2, std::vector<float>(3)), SizeMismatch);
  const std::vector<float> four(4);
  EXPECT_THROW((void)Matrix<float>::from_span(3, 2, four), SizeMismatch);
  EXPECT_THROW((Matrix<float>{{1, 2}, {3}}), SizeMismatch);
  Vector<float> storage = std::move(m).release();
  EXPECT_EQ(storage.data(), raw);
  EXPECT_EQ(m.rows(), 0u);
}

TEST(MatrixTypes, Views) {
  Matrix<float> m(4, 5);
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 5; ++j) m(i, j) = static_cast<float>(10 * i + j);
  MatrixView<float> v = m;
  const ConstMatrixView<float> cv = v;  // mutable -> const
  EXPECT_EQ(cv(3, 4), 34.0f);
  auto b = v.block(1, 2, 2, 3);
  EXPECT_EQ(b.rows(), 2u);
  EXPECT_EQ(b.stride(), 5u);
  EXPECT_FALSE(b.is_contiguous());
  EXPECT_EQ(b(1, 0), 22.0f);
  b(0, 0) = -1.0f;
  EXPECT_EQ(m(1, 2), -1.0f);
  EXPECT_EQ(b.row(1)[2], 24.0f);
  EXPECT_THROW((void)v.block(3, 0, 2, 1), InvalidArgument);
  EXPECT_THROW((void)v.block(0, 4, 1, 2), InvalidArgument);
  float buf[12] = {};
  EXPECT_THROW(MatrixView<float>(buf, 3, 4, 3), InvalidArgument);  // rows would overlap
  EXPECT_NO_THROW(MatrixView<float>(buf, 1, 4, 3));
  EXPECT_TRUE(MatrixView<float>(buf, 2, 4, 6).block(0, 0, 1, 4).is_contiguous());
}

// ---- GEMV ----------------------------------------------------------------------------------
class Gemv : public BackendTest {};

template <class T>
void check_gemv(std::size_t m, std::size_t n, std::size_t pad, unsigned seed) {
  Stored<T> a(m, n, pad, seed % 3);
  a.fill([&](std::size_t i, std::size_t j) { return rand_at(seed, i, j); });
  std::vector<T> x(n), xt(m);
  for (std::size_t j = 0; j < n; ++j) x[j] = static_cast<T>(rand_at(seed + 1, j, 0));
  for (std::size_t i = 0; i < m; ++i) xt[i] = static_cast<T>(rand_at(seed + 2, i, 0));
  const auto y = matvec(a.cview(), x);
  const auto z = vecmat(xt, a.cview());
  ASSERT_EQ(y.size(), m);
  ASSERT_EQ(z.size(), n);
  const auto ref_y = ref::product(
      m, 1, n, [&](std::size_t i, std::size_t j) { return a(i, j); }, [&](std::size_t j, std::size_t) { return x[j]; });
  const auto ref_z = ref::product(
      1, n, m, [&](std::size_t, std::size_t i) { return xt[i]; },
      [&](std::size_t i, std::size_t j) { return a(i, j); });
  for (std::size_t i = 0; i < m; ++i)
    ASSERT_LE(std::fabs(y[i] - ref_y.value(i, 0)), (n + 2) * eps<T>() * ref_y.scale(i, 0) + 1e-30L)
        << "matvec " << m << "x" << n << " row " << i;
  for (std::size_t j = 0; j < n; ++j)
    ASSERT_LE(std::fabs(z[j] - ref_z.value(0, j)), (m + 2) * eps<T>() * ref_z.scale(0, j) + 1e-30L)
        << "vecmat " << m << "x" << n << " col " << j;
  // The span forms write the same values, and nothing else.
  std::vector<T> y2(m + 2, T(7)), z2(n + 2, T(7));
  matvec(a.cview(), x, std::span<T>(y2.data() + 1, m));
  vecmat(xt, a.cview(), std::span<T>(z2.data() + 1, n));
  for (std::size_t i = 0; i < m; ++i) ASSERT_EQ(y2[i + 1], y[i]);
  for (std::size_t j = 0; j < n; ++j) ASSERT_EQ(z2[j + 1], z[j]);
  EXPECT_EQ(y2[0], T(7));
  EXPECT_EQ(y2[m + 1], T(7));
  EXPECT_EQ(z2[n + 1], T(7));
}

template <class T>
void gemv_shapes() {
  const std::size_t dims[] = {0, 1, 2, 3, 7, 17, 63, 65, 129, 257, 1000};
  unsigned seed = 1;
  for (std::size_t m : dims)
    for (std::size_t n : dims) check_gemv<T>(m, n, seed % 2 ? 3 : 0, seed++);
}
TEST_P(Gemv, ShapesFloat) { gemv_shapes<float>(); }
TEST_P(Gemv, ShapesDouble) { gemv_shapes<double>(); }

TEST_P(Gemv, Errors) {
  Matrix<float> a(3, 4, 1.0f);
  std::vector<float> x4(4, 1.0f), x3(3, 1.0f), out(3);
  EXPECT_THROW((void)matvec(a, x3), SizeMismatch);
  EXPECT_THROW((void)vecmat(x4, a), SizeMismatch);
  EXPECT_THROW(matvec(a, x4, std::span<float>(out.data(), 2)), SizeMismatch);
  EXPECT_THROW(matvec(a, x4, std::span<float>(a.data(), 3)), InvalidArgument);  // out aliases A
  std::vector<float> xo(4, 1.0f);
  EXPECT_THROW(vecmat(std::span<const float>(xo.data(), 3), a, std::span<float>(xo.data(), 4)), InvalidArgument);
  const auto y = matvec(a, x4);
  EXPECT_EQ(y[2], 4.0f);
  const std::size_t before = detail::allocation_count();
  (void)vecmat(x3, a);
  EXPECT_EQ(detail::allocation_count() - before, 1u);
}

// ---- transpose -----------------------------------------------------------------------------
class Transposes : public BackendTest {};

template <class T>
void transpose_shapes() {
  const std::size_t dims[] = {1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 64, 65, 129};
  unsigned seed = 3;
  auto check = [&](std::size_t r, std::size_t c, std::size_t pad) {
    Stored<T> a(r, c, pad, seed % 3);
    a.fill([&](std::size_t i, std::size_t j) { return rand_at(seed, i, j); });
    Stored<T> t(c, r, pad + 1, seed % 4);
    transpose(a.cview(), t.view());
    ASSERT_TRUE(t.padding_intact()) << r << "x" << c;
    for (std::size_t i = 0; i < r; ++i)
      for (std::size_t j = 0; j < c; ++j) ASSERT_EQ(t(j, i), a(i, j)) << r << "x" << c << " at " << i << ", " << j;
    const auto m = transpose(a.cview());
    ASSERT_EQ(m.rows(), c);
    for (std::size_t i = 0; i < r; ++i)
      for (std::size_t j = 0; j < c; ++j) ASSERT_EQ(m(j, i), a(i, j));
    ++seed;
  };
  for (std::size_t r : dims)
    for (std::size_t c : dims) check(r, c, seed % 2);
  check(2048, 128, 0);
  check(128, 2048, 0);
  check(300, 517, 3);
  // Destination rows a multiple of 4 KiB apart (one L1 set for every row of a tile), with
  // partial tiles and blocks, aligned and misaligned destinations.
  for (auto [r, c] : {std::pair<std::size_t, std::size_t>{1000, 37}, {128, 16}, {257, 33}, {2048, 128}, {130, 5}}) {
    for (std::size_t offset : {0, 1, 3}) {
      const std::size_t line = 4096 / sizeof(T), pad = (r + line - 1) / line * line - r;
      Stored<T> a(r, c, offset, offset);
      a.fill([&](std::size_t i, std::size_t j) { return rand_at(seed, i, j); });
      Stored<T> t(c, r, pad, offset);
      transpose(a.cview(), t.view());
      ASSERT_TRUE(t.padding_intact()) << r << "x" << c << " offset " << offset;
      for (std::size_t i = 0; i < r; ++i)
        for (std::size_t j = 0; j < c; ++j) ASSERT_EQ(t(j, i), a(i, j)) << r << "x" << c << " at " << i << ", " << j;
      ++seed;
    }
  }
  // >= 4 MiB with register-aligned destination rows: the non-temporal store path.
  const std::size_t big = 4200000 / sizeof(T) / 1024 + 1;
  Matrix<T> a(big, 1024);
  for (std::size_t i = 0; i < a.size(); ++i) a.span()[i] = static_cast<T>(i % 8191);
  const auto t = transpose(a);
  for (std::size_t i = 0; i < big; ++i)
    for (std::size_t j = 0; j < 1024; ++j) ASSERT_EQ(t(j, i), a(i, j));
}
TEST_P(Transposes, ShapesFloat) { transpose_shapes<float>(); }
TEST_P(Transposes, ShapesDouble) { transpose_shapes<double>(); }

TEST_P(Transposes, SpecialValuesAndErrors) {
  Matrix<float> a(3, 17);
  const auto sp = special_values<float>();
  for (std::size_t i = 0; i < a.size(); ++i) a.span()[i] = sp[i % sp.size()];
  const auto t = transpose(a);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 17; ++j) EXPECT_TRUE(same_value(t(j, i), a(i, j)));
  Matrix<float> wrong(3, 17), sq(8, 8);
  EXPECT_THROW(transpose(a, wrong), SizeMismatch);
  EXPECT_THROW(transpose(sq, sq), InvalidArgument);  // in place is not supported
  EXPECT_EQ(transpose(Matrix<double>(0, 5)).rows(), 5u);
}

// ---- batched -------------------------------------------------------------------------------
class Batched : public BackendTest {};

template <class T>
void check_batched(std::size_t batch, std::size_t m, std::size_t k, std::size_t n, Transpose ta, Transpose tb,
                   unsigned seed) {
  const bool at = ta == Transpose::yes, bt = tb == Transpose::yes;
  std::vector<T> a(batch * m * k), b(batch * k * n);
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<T>(rand_at(seed, i, 0));
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<T>(rand_at(seed + 1, i, 0));
  const auto c = batched_matmul(std::span<const T>(a), std::span<const T>(b), batch, m, k, n, ta, tb);
  ASSERT_EQ(c.size(), batch * m * n);
  for (std::size_t q = 0; q < batch; ++q) {
    const T* aq = a.data() + q * m * k;
    const T* bq = b.data() + q * k * n;
    const auto ref = ref::product(
        m, n, k, [&](std::size_t i, std::size_t p) { return at ? aq[p * m + i] : aq[i * k + p]; },
        [&](std::size_t p, std::size_t j) { return bt ? bq[j * k + p] : bq[p * n + j]; });
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j)
        ASSERT_LE(std::fabs(c[q * m * n + i * n + j] - ref.value(i, j)), (k + 2) * eps<T>() * ref.scale(i, j) + 1e-30L)
            << "batch " << q << " (" << i << ", " << j << ")";
  }
}

TEST_P(Batched, MatchesReference) {
  for (int t = 0; t < 4; ++t) {
    const Transpose ta = t & 1 ? Transpose::yes : Transpose::no, tb = t & 2 ? Transpose::yes : Transpose::no;
    check_batched<float>(3, 17, 9, 33, ta, tb, 10 + t);
    check_batched<double>(2, 1, 65, 7, ta, tb, 20 + t);
    check_batched<float>(2, 64, 64, 64, ta, tb, 30 + t);
    check_batched<double>(4, 5, 1, 1, ta, tb, 40 + t);
  }
}

TEST_P(Batched, FourDimensionalAttention) {
  // Q @ K^T per (batch, head): q is 2 x 3 x 16 x 8, k is 2 x 3 x 20 x 8, out 2 x 3 x 16 x 20.
  const std::size_t batch = 2, heads = 3, m = 16, d = 8, n = 20;
  std::vector<float> q(batch * heads * m * d), k(batch * heads * n * d);
  for (std::size_t i = 0; i < q.size(); ++i) q[i] = static_cast<float>(rand_at(5, i, 0));
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<float>(rand_at(6, i, 0));
  const auto s =
      batched_matmul_4d(std::span<const float>(q), std::span<const float>(k), batch, heads, m, d, n, Transpose::yes);
  ASSERT_EQ(s.size(), batch * heads * m * n);
  for (std::size_t h = 0; h < batch * heads; ++h)
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        long double want = 0, scale = 0;
        for (std::size_t p = 0; p < d; ++p) {
          const long double t = static_cast<long double>(q[(h * m + i) * d + p]) * k[(h * n + j) * d + p];
          want += t;
          scale += std::fabs(t);
        }
        ASSERT_LE(std::fabs(s[(h * m + i) * n + j] - want), (d + 2) * eps<float>() * scale)
            << h << " " << i << " " << j;
      }
  std::vector<float> out(batch * heads * m * n - 1);
  EXPECT_THROW(batched_matmul_4d(std::span<const float>(q), std::span<const float>(k), std::span<float>(out), batch,
                                 heads, m, d, n, Transpose::yes),
               SizeMismatch);
  EXPECT_THROW((void)batched_matmul(std::span<const float>(q), std::span<const float>(k), 6, m, d, n + 1),
               SizeMismatch);
  EXPECT_TRUE(batched_matmul(std::span<const float>(), std::span<const float>(), 0, 3, 4, 5).empty());
}

TRUENO_INSTANTIATE_BACKENDS(Gemv);
TRUENO_INSTANTIATE_BACKENDS(Transposes);
TRUENO_INSTANTIATE_BACKENDS(Batched);

}  // namespace
}  // namespace trueno::test
