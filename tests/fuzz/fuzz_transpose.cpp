// fuzz_transpose: transpose (both forms) on every backend, padded and misaligned input and
// output views up to 200 x 200; exact, and nothing outside the out view is written. A wrong
// out shape must throw SizeMismatch, an out overlapping A InvalidArgument.
#include "fuzz_common.hpp"

namespace trueno::fuzz {
namespace {

template <class T>
void run(FuzzInput& in) {
  const std::size_t lim = in.flag() ? 200 : 20;
  const std::size_t rows = in.size(lim), cols = in.size(lim);
  const std::size_t mode = in.pick(4);
  StridedMatrix<T> a(in, rows, cols);
  const std::string what = "transpose " + shape(rows, cols);
  if (mode == 2) {
    StridedMatrix<T> out(in, cols, rows + 1, false);
    expect_throw<SizeMismatch>(what.c_str(), [&] { transpose(a.cview(), out.view()); });
    return;
  }
  if (mode == 3) {
    if (rows * cols == 0 || a.buf.size() - a.offset < rows * cols) return;
    expect_throw<InvalidArgument>(what.c_str(), [&] { transpose(a.cview(), MatrixView<T>(a.data(), cols, rows)); });
    return;
  }
  StridedMatrix<T> out(in, cols, rows, false);
  for (auto& v : out.buf) v = T(-7.5);
  if (mode == 0) {
    const Matrix<T> t = transpose(a.cview());
    FUZZ_CHECK(t.rows() == cols && t.cols() == rows, what);
    for (std::size_t i = 0; i < cols; ++i)
      for (std::size_t j = 0; j < rows; ++j) FUZZ_CHECK(same(t(i, j), a.at(j, i)), what);
    return;
  }
  transpose(a.cview(), out.view());
  for (std::size_t e = 0; e < out.buf.size(); ++e) {
    const bool inside = out.stride != 0 && e >= out.offset && (e - out.offset) / out.stride < cols &&
                        (e - out.offset) % out.stride < rows;
    if (inside) {
      const std::size_t i = (e - out.offset) / out.stride, j = (e - out.offset) % out.stride;
      FUZZ_CHECK(same(out.buf[e], a.at(j, i)), what + " at (" + std::to_string(i) + ", " + std::to_string(j) + ")");
    } else {
      FUZZ_CHECK(out.buf[e] == T(-7.5), what + ": wrote outside the out view");
    }
  }
}

}  // namespace
}  // namespace trueno::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return trueno::fuzz::fuzz_one(data, size, [](auto& in, auto t) { trueno::fuzz::run<decltype(t)>(in); });
}
