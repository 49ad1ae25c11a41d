// fuzz_matmul: matmul (allocating and out forms) and gemm on every backend, any shape up to
// 160, transposed operands, padded and misaligned views, alpha/beta; invalid shapes and
// overlapping outputs must throw. Reference: the product in double with the bound of
// docs/accuracy.md, |c - c_exact| <= (k + 2) eps(T) (|alpha| (|A||B|)_ij + |beta c_ij|).
#include "fuzz_common.hpp"

namespace trueno::fuzz {
namespace {

template <class T>
void run(FuzzInput& in) {
  const bool big = in.flag();
  const std::size_t lim = big ? 160 : 24;
  const std::size_t m = in.size(lim), k = in.size(lim), n = in.size(lim);
  const Transpose ta = in.flag() ? Transpose::yes : Transpose::no, tb = in.flag() ? Transpose::yes : Transpose::no;
  const bool at = ta == Transpose::yes, bt = tb == Transpose::yes;
  const std::size_t mode = in.pick(6);
  // mode 3: the inner dimensions disagree (B has k + 1 rows of op(B)).
  const std::size_t kb = mode == 3 ? k + 1 : k;
  StridedMatrix<T> a(in, at ? k : m, at ? m : k), b(in, bt ? n : kb, bt ? kb : n);
  const std::string what = "matmul " + shape(m, k) + " x " + shape(kb, n) + (at ? " A^T" : "") + (bt ? " B^T" : "");

  if (mode == 3) {
    expect_throw<SizeMismatch>(what.c_str(), [&] { (void)matmul(a.cview(), b.cview(), ta, tb); });
    return;
  }
  if (mode == 4) {  // an out of the wrong shape
    StridedMatrix<T> c(in, m + 1, n, false);
    expect_throw<SizeMismatch>(what.c_str(), [&] { matmul(a.cview(), b.cview(), c.view(), ta, tb); });
    return;
  }
  if (mode == 5) {  // out overlapping A (A's own buffer, seen as m x n)
    if (m == 0 || n == 0 || k == 0 || a.buf.size() < a.offset + m * n) return;
    MatrixView<T> c(a.data(), m, n, n);
    expect_throw<InvalidArgument>(what.c_str(), [&] { matmul(a.cview(), b.cview(), c, ta, tb); });
    return;
  }

  const T alpha = mode == 2 ? in.value<T>() : T(1);
  const T beta = mode == 2 && in.flag() ? in.value<T>() : T(0);
  StridedMatrix<T> c(in, m, n, false);
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) c.at(i, j) = beta == T(0) ? std::numeric_limits<T>::quiet_NaN() : in.value<T>();
  const StridedMatrix<T> c0 = c;

  Matrix<T> alloc;
  if (mode == 0) {
    alloc = matmul(a.cview(), b.cview(), ta, tb);
    FUZZ_CHECK(alloc.rows() == m && alloc.cols() == n, what);
  } else if (mode == 1) {
    matmul(a.cview(), b.cview(), c.view(), ta, tb);
  } else {
    gemm(alpha, a.cview(), b.cview(), beta, c.view(), ta, tb);
  }
  for (std::size_t i = 0; i < m; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      double s = 0, scale = 0;
      for (std::size_t p = 0; p < k; ++p) {
        const double x = at ? a.at(p, i) : a.at(i, p), y = bt ? b.at(j, p) : b.at(p, j);
        s += x * y;
        scale += std::fabs(x * y);
      }
      double want = double(alpha) * s, bound = std::fabs(double(alpha)) * scale;
      if (beta != T(0)) {
        want += double(beta) * c0.at(i, j);
        bound += std::fabs(double(beta) * c0.at(i, j));
      }
      const double got = mode == 0 ? double(alloc(i, j)) : double(c.at(i, j));
      const double tol = double(k + 2) * eps<T>() * bound + double(std::numeric_limits<T>::min());
      FUZZ_CHECK(close(got, want, tol), what + " at (" + std::to_string(i) + ", " + std::to_string(j) + "): got " +
                                            num(got) + ", want " + num(want));
    }
  // Padding between the rows of the out view is never written.
  if (mode != 0)
    for (std::size_t e = 0; e < c.buf.size(); ++e) {
      const bool inside =
          c.stride != 0 && e >= c.offset && (e - c.offset) / c.stride < m && (e - c.offset) % c.stride < n;
      if (!inside) FUZZ_CHECK(same(c.buf[e], c0.buf[e]), what + ": wrote outside the out view");
    }
}

}  // namespace
}  // namespace trueno::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return trueno::fuzz::fuzz_one(data, size, [](auto& in, auto t) { trueno::fuzz::run<decltype(t)>(in); });
}
