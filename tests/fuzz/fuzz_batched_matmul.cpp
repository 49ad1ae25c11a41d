// fuzz_batched_matmul: batched_matmul (ta, tb) and batched_matmul_4d (tb) on every backend, both
// forms; spans one element too long or short must throw SizeMismatch, an out overlapping an
// input InvalidArgument. Reference: each product in double, bound (k + 2) eps(T) (|A||B|)_ij.
#include "fuzz_common.hpp"

namespace trueno::fuzz {
namespace {

template <class T>
void run(FuzzInput& in) {
  const bool four_d = in.flag();
  const std::size_t batch = in.size(4), heads = four_d ? in.size(3) : 1;
  const std::size_t m = in.size(20), k = in.size(20), n = in.size(20);
  const Transpose ta = !four_d && in.flag() ? Transpose::yes : Transpose::no;
  const Transpose tb = in.flag() ? Transpose::yes : Transpose::no;
  const bool at = ta == Transpose::yes, bt = tb == Transpose::yes;
  const std::size_t count = batch * heads, mode = in.pick(5);
  // mode 3: one of the three spans has a wrong length.
  const std::size_t wrong = mode == 3 ? in.pick(3) : 3;
  const bool longer = in.flag();
  auto len = [&](std::size_t which, std::size_t want) {
    if (which != wrong) return want;
    return longer || want == 0 ? want + 1 : want - 1;
  };
  Misaligned<T> a(in, len(0, count * m * k)), b(in, len(1, count * k * n));
  Misaligned<T> out(in, len(2, count * m * n));
  const std::string what = std::string(four_d ? "batched_matmul_4d " : "batched_matmul ") + std::to_string(batch) +
                           "x" + std::to_string(heads) + " of " + shape(m, k) + " x " + shape(k, n) +
                           (at ? " A^T" : "") + (bt ? " B^T" : "");
  auto call = [&](std::span<const T> x, std::span<const T> y, std::span<T> o) {
    if (four_d)
      batched_matmul_4d(x, y, o, batch, heads, m, k, n, tb);
    else
      batched_matmul(x, y, o, batch, m, k, n, ta, tb);
  };
  if (mode == 3) {
    expect_throw<SizeMismatch>(what.c_str(), [&] { call(a.cspan(), b.cspan(), out.span()); });
    return;
  }
  if (mode == 4) {  // out inside a
    if (count * m * n == 0 || count * m * k < count * m * n || count * m * k == 0) return;
    expect_throw<InvalidArgument>(what.c_str(),
                                  [&] { call(a.cspan(), b.cspan(), a.span().subspan(0, count * m * n)); });
    return;
  }
  Vector<T> alloc;
  std::span<const T> got = out.cspan();
  if (mode == 0) {
    alloc = four_d ? batched_matmul_4d(a.cspan(), b.cspan(), batch, heads, m, k, n, tb)
                   : batched_matmul(a.cspan(), b.cspan(), batch, m, k, n, ta, tb);
    FUZZ_CHECK(alloc.size() == count * m * n, what);
    got = alloc.span();
  } else {
    call(a.cspan(), b.cspan(), out.span());
  }
  for (std::size_t s = 0; s < count; ++s)
    for (std::size_t i = 0; i < m; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        double sum = 0, scale = 0;
        for (std::size_t p = 0; p < k; ++p) {
          const double x = a[s * m * k + (at ? p * m + i : i * k + p)];
          const double y = b[s * k * n + (bt ? j * k + p : p * n + j)];
          sum += x * y;
          scale += std::fabs(x * y);
        }
        const double tol = double(k + 2) * eps<T>() * scale + double(std::numeric_limits<T>::min());
        const double g = got[s * m * n + i * n + j];
        FUZZ_CHECK(close(g, sum, tol), what + " matrix " + std::to_string(s) + " at (" + std::to_string(i) + ", " +
                                           std::to_string(j) + "): got " + num(g) + ", want " + num(sum));
      }
}

}  // namespace
}  // namespace trueno::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return trueno::fuzz::fuzz_one(data, size, [](auto& in, auto t) { trueno::fuzz::run<decltype(t)>(in); });
}
