// test_conv_eigen.cpp: convolve2d / correlate2d (valid mode, any kernel size) and
// symmetric_eigen on every backend, against the long-double references (direct sums, cyclic
// Jacobi eigenvalues); error cases.
// Convolution tolerance: (kh kw + 2) * eps(T) * sum |image * kernel| over the window.
// Eigen tolerances (docs/accuracy.md): |lambda - lambda_ref| <= 4 eps(T) ||A|| + 64 n eps(double)
// ||A||, ||A v - lambda v|| and |V^T V - I| likewise scaled.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "reference/matrix_reference.hpp"
#include "support/matrix_support.hpp"
#include "trueno/trueno.hpp"

namespace trueno::test {
namespace {

class Conv : public BackendTest {};

template <class T>
void check_conv(std::size_t ih, std::size_t iw, std::size_t kh, std::size_t kw, bool flip, unsigned seed) {
  Stored<T> img(ih, iw, seed % 3, seed % 4), ker(kh, kw, seed % 2, 1);
  img.fill([&](std::size_t i, std::size_t j) { return rand_at(seed, i, j); });
  ker.fill([&](std::size_t i, std::size_t j) { return rand_at(seed + 7, i, j); });
  Stored<T> out(ih - kh + 1, iw - kw + 1, 2, 0);
  if (flip)
    convolve2d(img.cview(), ker.cview(), out.view());
  else
    correlate2d(img.cview(), ker.cview(), out.view());
  ASSERT_TRUE(out.padding_intact());
  const auto ref = ref::correlate(
      ih, iw, kh, kw, [&](std::size_t i, std::size_t j) { return img(i, j); },
      [&](std::size_t p, std::size_t q) { return flip ? ker(kh - 1 - p, kw - 1 - q) : ker(p, q); });
  for (std::size_t i = 0; i + kh <= ih; ++i)
    for (std::size_t j = 0; j + kw <= iw; ++j)
      ASSERT_LE(std::fabs(out(i, j) - ref.value(i, j)), (kh * kw + 2) * eps<T>() * ref.scale(i, j) + 1e-30L)
          << (flip ? "convolve2d " : "correlate2d ") << ih << "x" << iw << " * " << kh << "x" << kw << " at " << i
          << ", " << j;
  const auto alloc = flip ? convolve2d(img.cview(), ker.cview()) : correlate2d(img.cview(), ker.cview());
  for (std::size_t i = 0; i + kh <= ih; ++i)
    for (std::size_t j = 0; j + kw <= iw; ++j) ASSERT_EQ(alloc(i, j), out(i, j));
}

template <class T>
void conv_shapes() {
  const std::size_t kernels[][2] = {{1, 1}, {3, 3}, {5, 5}, {7, 7}, {1, 5}, {5, 1}, {2, 9}, {11, 3}};
  const std::size_t images[][2] = {{11, 11}, {16, 80}, {40, 17}, {13, 100}, {30, 67}, {12, 300}};
  unsigned seed = 1;
  for (const auto& k : kernels)
    for (const auto& im : images) {
      check_conv<T>(im[0], im[1], k[0], k[1], true, seed++);
      check_conv<T>(im[0], im[1], k[0], k[1], false, seed++);
    }
  check_conv<T>(9, 9, 9, 9, true, 99);  // kernel == image: one output
  check_conv<T>(1, 70, 1, 70, false, 98);
}
TEST_P(Conv, ShapesFloat) { conv_shapes<float>(); }
TEST_P(Conv, ShapesDouble) { conv_shapes<double>(); }

TEST_P(Conv, FlipAndErrors) {
  // A one-hot kernel: convolution shifts by the flipped position, correlation by the position.
  Matrix<double> img(4, 5), k(2, 3);
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 5; ++j) img(i, j) = static_cast<double>(10 * i + j);
  k(0, 0) = 1;
  const auto c = convolve2d(img, k), r = correlate2d(img, k);
  ASSERT_EQ(c.rows(), 3u);
  ASSERT_EQ(c.cols(), 3u);
  EXPECT_EQ(r(0, 0), 0.0);
  EXPECT_EQ(c(0, 0), 12.0);  // kernel flipped: the 1 sits at (1, 2)
  EXPECT_EQ(c(2, 2), 34.0);
  Matrix<float> im(5, 5), big(6, 2), empty(0, 3), out(2, 2);
  EXPECT_THROW((void)convolve2d(im, big), InvalidArgument);
  EXPECT_THROW((void)correlate2d(im, empty), InvalidArgument);
  EXPECT_THROW(convolve2d(im, Matrix<float>(3, 3), out), SizeMismatch);
  EXPECT_THROW(convolve2d(im, Matrix<float>(4, 4), im.view().block(0, 0, 2, 2)), InvalidArgument);
  Matrix<float> nan_img(4, 4, 1.0f);
  nan_img(2, 2) = std::numeric_limits<float>::quiet_NaN();
  const auto p = convolve2d(nan_img, Matrix<float>(3, 3, 1.0f));
  EXPECT_TRUE(std::isnan(p(0, 0)) && std::isnan(p(1, 1)));
}

// ---- symmetric eigen -----------------------------------------------------------------------
class Eigen : public BackendTest {};

template <class T>
Matrix<T> random_symmetric(std::size_t n, unsigned seed) {
  Matrix<T> a(n, n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j <= i; ++j) a(i, j) = a(j, i) = static_cast<T>(rand_at(seed, i, j));
  return a;
}

template <class T>
void check_eigen(const Matrix<T>& a, const char* what) {
  const std::size_t n = a.rows();
  const auto e = symmetric_eigen(a);
  ASSERT_EQ(e.values.size(), n);
  ASSERT_EQ(e.vectors.rows(), n);
  long double norm = 0;  // Frobenius norm, >= the 2-norm
  ref::Dense d(n, n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      d(i, j) = a(i, j);
      norm += d(i, j) * d(i, j);
    }
  norm = std::sqrt(norm);
  const long double tol = (4 * eps<T>() + 64 * n * eps<double>()) * (norm + 1e-300L);
  const auto ref_values = ref::jacobi_eigenvalues(d);
  for (std::size_t j = 0; j < n; ++j) {
    if (j > 0) ASSERT_GE(e.values[j - 1], e.values[j]) << what << ": not descending";
    ASSERT_LE(std::fabs(e.values[j] - ref_values[j]), tol) << what << " n " << n << " eigenvalue " << j;
    // A v = lambda v, |v| = 1, v orthogonal to the others.
    for (std::size_t i = 0; i < n; ++i) {
      long double av = 0;
      for (std::size_t p = 0; p < n; ++p) av += d(i, p) * e.vectors(p, j);
      ASSERT_LE(std::fabs(av - e.values[j] * static_cast<long double>(e.vectors(i, j))), 4 * tol)
          << what << " residual of pair " << j << " row " << i;
    }
    for (std::size_t q = 0; q <= j; ++q) {
      long double dot = 0;
      for (std::size_t i = 0; i < n; ++i) dot += static_cast<long double>(e.vectors(i, j)) * e.vectors(i, q);
      ASSERT_LE(std::fabs(dot - (q == j ? 1 : 0)), 4 * (eps<T>() + n * eps<double>()) * 8) << what << " V^T V";
    }
  }
  const auto back = e.reconstruct();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      ASSERT_LE(std::fabs(back(i, j) - d(i, j)), (2 * n + 8) * eps<T>() * norm) << what << " reconstruct";
}

template <class T>
void eigen_cases() {
  for (std::size_t n : {1, 2, 3, 7, 17, 40, 64})
    check_eigen(random_symmetric<T>(n, static_cast<unsigned>(n)), "random");
  check_eigen(Matrix<T>::identity(9), "identity");  // one eigenvalue, multiplicity 9
  check_eigen(Matrix<T>(5, 5), "zero");
  Matrix<T> diag(6, 6);
  for (std::size_t i = 0; i < 6; ++i) diag(i, i) = static_cast<T>(i % 3) - T(1);  // repeated, unsorted
  check_eigen(diag, "diagonal");
  Matrix<T> tri(30, 30);  // the 1-D Laplacian: eigenvalues 2 - 2 cos(k pi / 31)
  for (std::size_t i = 0; i < 30; ++i) {
    tri(i, i) = 2;
    if (i + 1 < 30) tri(i, i + 1) = tri(i + 1, i) = -1;
  }
  check_eigen(tri, "laplacian");
  auto big = random_symmetric<T>(12, 5);
  for (auto& v : big.span()) v *= static_cast<T>(1e30);  // scaled internally: no overflow
  check_eigen(big, "scaled 1e30");
  Matrix<T> two{{2, 1}, {1, 2}};
  const auto e = symmetric_eigen(two);
  EXPECT_NEAR(e.values[0], 3.0, 1e-6);
  EXPECT_NEAR(e.values[1], 1.0, 1e-6);
  EXPECT_NEAR(std::fabs(e.vectors(0, 0)), std::sqrt(0.5), 1e-6);
}
TEST_P(Eigen, CasesFloat) { eigen_cases<float>(); }
TEST_P(Eigen, CasesDouble) { eigen_cases<double>(); }

TEST_P(Eigen, Errors) {
  EXPECT_THROW((void)symmetric_eigen(Matrix<float>(3, 4)), InvalidArgument);
  EXPECT_THROW((void)symmetric_eigen(Matrix<double>(0, 0)), EmptyInput);
  Matrix<double> a{{1, 2}, {2, 1}};
  a(1, 1) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW((void)symmetric_eigen(a), InvalidArgument);
  a(1, 1) = std::numeric_limits<double>::infinity();
  EXPECT_THROW((void)symmetric_eigen(a), InvalidArgument);
  Matrix<float> asym{{1, 2}, {2.1f, 1}};
  try {
    (void)symmetric_eigen(asym);
    FAIL() << "no throw";
  } catch (const InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("not symmetric"), std::string::npos) << e.what();
  }
  // Within the tolerance: the symmetric part is decomposed.
  Matrix<float> near{{1, 2}, {2.0001f, 1}};
  const auto e = symmetric_eigen(near);
  EXPECT_NEAR(e.values[0], 3.00005f, 1e-5f);
}

TRUENO_INSTANTIATE_BACKENDS(Conv);
TRUENO_INSTANTIATE_BACKENDS(Eigen);

}  // namespace
}  // namespace trueno::test
