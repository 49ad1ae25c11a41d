// fuzz_conv2d: convolve2d and correlate2d (valid mode) on every backend, both forms, padded and
// misaligned views; an empty kernel or one larger than the image must throw InvalidArgument, a
// wrong out shape SizeMismatch. Reference: the sums in double, bound of docs/accuracy.md,
// (kh kw + 2) eps(T) sum |image * kernel| over the window.
#include "fuzz_common.hpp"

namespace trueno::fuzz {
namespace {

template <class T>
void run(FuzzInput& in) {
  const bool conv = in.flag();
  const std::size_t lim = in.flag() ? 64 : 16;
  const std::size_t ih = in.size(lim), iw = in.size(lim), kh = in.size(12), kw = in.size(12);
  const std::size_t mode = in.pick(3);
  StridedMatrix<T> img(in, ih, iw), ker(in, kh, kw);
  const std::string what = std::string(conv ? "convolve2d " : "correlate2d ") + shape(ih, iw) + " by " + shape(kh, kw);
  const bool valid = kh > 0 && kw > 0 && kh <= ih && kw <= iw;
  auto alloc_call = [&] { return conv ? convolve2d(img.cview(), ker.cview()) : correlate2d(img.cview(), ker.cview()); };
  if (!valid) {
    expect_throw<InvalidArgument>(what.c_str(), [&] { (void)alloc_call(); });
    return;
  }
  const std::size_t oh = ih - kh + 1, ow = iw - kw + 1;
  if (mode == 2) {
    StridedMatrix<T> out(in, oh, ow + 1, false);
    expect_throw<SizeMismatch>(what.c_str(), [&] {
      if (conv)
        convolve2d(img.cview(), ker.cview(), out.view());
      else
        correlate2d(img.cview(), ker.cview(), out.view());
    });
    return;
  }
  StridedMatrix<T> out(in, oh, ow, false);
  Matrix<T> alloc;
  if (mode == 0) {
    alloc = alloc_call();
    FUZZ_CHECK(alloc.rows() == oh && alloc.cols() == ow, what);
  } else if (conv) {
    convolve2d(img.cview(), ker.cview(), out.view());
  } else {
    correlate2d(img.cview(), ker.cview(), out.view());
  }
  for (std::size_t i = 0; i < oh; ++i)
    for (std::size_t j = 0; j < ow; ++j) {
      double s = 0, scale = 0;
      for (std::size_t p = 0; p < kh; ++p)
        for (std::size_t q = 0; q < kw; ++q) {
          const double w = conv ? ker.at(kh - 1 - p, kw - 1 - q) : ker.at(p, q);
          const double t = double(img.at(i + p, j + q)) * w;
          s += t;
          scale += std::fabs(t);
        }
      const double got = mode == 0 ? double(alloc(i, j)) : double(out.at(i, j));
      const double tol = double(kh * kw + 2) * eps<T>() * scale + double(std::numeric_limits<T>::min());
      FUZZ_CHECK(close(got, s, tol), what + " at (" + std::to_string(i) + ", " + std::to_string(j) + "): got " +
                                         num(got) + ", want " + num(s));
    }
}

}  // namespace
}  // namespace trueno::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return trueno::fuzz::fuzz_one(data, size, [](auto& in, auto t) { trueno::fuzz::run<decltype(t)>(in); });
}
