// fuzz_matvec: matvec (A x) and vecmat (x^T A) on every backend, both forms, strided and
// misaligned A, x and out; a wrong x or out length must throw SizeMismatch, an out overlapping A
// InvalidArgument. Reference: the sums in double, bound (k + 2) eps(T) sum |terms|.
#include "fuzz_common.hpp"

namespace trueno::fuzz {
namespace {

template <class T>
void run(FuzzInput& in) {
  const bool big = in.flag();
  const std::size_t lim = big ? 300 : 24;
  const std::size_t rows = in.size(lim), cols = in.size(lim);
  const bool vm = in.flag();  // vecmat: x has rows elements, the result cols
  const std::size_t nx = vm ? rows : cols, ny = vm ? cols : rows;
  const std::size_t mode = in.pick(5);
  StridedMatrix<T> a(in, rows, cols);
  Misaligned<T> x(in, mode == 2 ? nx + 1 : nx);
  Misaligned<T> out(in, mode == 3 ? ny + 1 : ny);
  const std::string what = std::string(vm ? "vecmat " : "matvec ") + shape(rows, cols);
  auto call = [&](std::span<T> o) {
    if (vm)
      vecmat(x.cspan(), a.cview(), o);
    else
      matvec(a.cview(), x.cspan(), o);
  };
  if (mode == 2 || mode == 3) {
    expect_throw<SizeMismatch>(what.c_str(), [&] { call(out.span()); });
    return;
  }
  if (mode == 4) {
    if (ny == 0 || rows * cols == 0) return;
    const std::size_t room = a.buf.size() - a.offset;
    if (room < ny) return;
    expect_throw<InvalidArgument>(what.c_str(), [&] { call(std::span<T>(a.data(), ny)); });
    return;
  }
  Vector<T> alloc;
  std::span<const T> got = out.cspan();
  if (mode == 0) {
    alloc = vm ? vecmat(x.cspan(), a.cview()) : matvec(a.cview(), x.cspan());
    FUZZ_CHECK(alloc.size() == ny, what);
    got = alloc.span();
  } else {
    call(out.span());
  }
  for (std::size_t r = 0; r < ny; ++r) {
    double s = 0, scale = 0;
    for (std::size_t p = 0; p < nx; ++p) {
      const double t = double(x[p]) * (vm ? a.at(p, r) : a.at(r, p));
      s += t;
      scale += std::fabs(t);
    }
    const double tol = double(nx + 2) * eps<T>() * scale + double(std::numeric_limits<T>::min());
    FUZZ_CHECK(close(got[r], s, tol),
               what + " element " + std::to_string(r) + ": got " + num(got[r]) + ", want " + num(s));
  }
}

}  // namespace
}  // namespace trueno::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return trueno::fuzz::fuzz_one(data, size, [](auto& in, auto t) { trueno::fuzz::run<decltype(t)>(in); });
}
