// fuzz_span_ops: the span entry points with their sizes and misalignments on every backend:
// add / sub / mul / div (allocating, out, in place on either operand) and the reductions sum,
// mean, dot, norm_l1, min, max, argmin, argmax, with infinities and NaN mixed in. Unequal
// lengths must throw SizeMismatch, a partially overlapping out InvalidArgument, an empty mean /
// min / max / argmin / argmax EmptyInput.
// Reference: element-wise ops are correctly rounded (the same IEEE operation in T); reductions
// against a long double sum (exact for these values) with the bounds of docs/accuracy.md.
#include <algorithm>

#include "fuzz_common.hpp"

namespace trueno::fuzz {
namespace {

enum Op : std::size_t { kAdd, kSub, kMul, kDiv, kSum, kMean, kDot, kNormL1, kMin, kMax, kArgmin, kArgmax, kOps };
constexpr const char* kNames[] = {"add", "sub",     "mul", "div", "sum",    "mean",
                                  "dot", "norm_l1", "min", "max", "argmin", "argmax"};

template <class T>
T apply(Op op, T a, T b) {
  switch (op) {
    case kAdd:
      return a + b;
    case kSub:
      return a - b;
    case kMul:
      return a * b;
    default:
      return a / b;
  }
}

template <class T>
void binary(Op op, FuzzInput& in, std::size_t n, const std::string& what) {
  const std::size_t mode = in.pick(6);
  // mode 0 allocating, 1 out, 2 in place on a, 3 in place on b, 4 unequal lengths, 5 partial overlap.
  const std::size_t nb = mode == 4 ? n + 1 + in.pick(3) : n;
  Misaligned<T> a(in, n + 1, true), b(in, nb, true);
  const auto as = a.cspan().subspan(0, n);
  auto call = [&](std::span<const T> x, std::span<const T> y, std::span<T> o) {
    switch (op) {
      case kAdd:
        add(x, y, o);
        break;
      case kSub:
        sub(x, y, o);
        break;
      case kMul:
        mul(x, y, o);
        break;
      default:
        div(x, y, o);
    }
  };
  if (mode == 4) {
    std::vector<T> out(n);
    expect_throw<SizeMismatch>(what.c_str(), [&] { call(as, b.cspan(), out); });
    return;
  }
  if (mode == 5) {  // out = a shifted by one element: overlapping when n >= 2
    if (n < 2) return;
    expect_throw<InvalidArgument>(what.c_str(), [&] { call(as, b.cspan(), a.span().subspan(1, n)); });
    return;
  }
  const std::vector<T> a0(as.begin(), as.end()), b0(b.cspan().begin(), b.cspan().end());
  std::vector<T> out(n);
  std::span<const T> got = out;
  Vector<T> alloc;
  if (mode == 0) {
    switch (op) {
      case kAdd:
        alloc = add(as, b.cspan());
        break;
      case kSub:
        alloc = sub(as, b.cspan());
        break;
      case kMul:
        alloc = mul(as, b.cspan());
        break;
      default:
        alloc = div(as, b.cspan());
    }
    got = alloc.span();
  } else if (mode == 1) {
    call(as, b.cspan(), out);
  } else if (mode == 2) {
    call(as, b.cspan(), a.span().subspan(0, n));
    got = a.cspan().subspan(0, n);
  } else {
    call(as, b.cspan(), b.span());
    got = b.cspan();
  }
  FUZZ_CHECK(got.size() == n, what);
  for (std::size_t i = 0; i < n; ++i) {
    const T want = apply(op, a0[i], b0[i]);
    FUZZ_CHECK(same(got[i], want),
               what + " element " + std::to_string(i) + ": got " + num(got[i]) + ", want " + num(want));
  }
}

template <class T>
void reduction(Op op, FuzzInput& in, std::size_t n, const std::string& what) {
  const bool mismatch = op == kDot && in.flag();
  Misaligned<T> x(in, n, true), y(in, mismatch ? n + 1 : n, true);
  const auto xs = x.cspan(), ys = y.cspan();
  if (mismatch) {
    expect_throw<SizeMismatch>(what.c_str(), [&] { (void)dot(xs, ys); });
    return;
  }
  if (n == 0 && op >= kMean && op != kDot && op != kNormL1) {
    expect_throw<EmptyInput>(what.c_str(), [&] {
      switch (op) {
        case kMean:
          (void)mean(xs);
          break;
        case kMin:
          (void)min(xs);
          break;
        case kMax:
          (void)max(xs);
          break;
        case kArgmin:
          (void)argmin(xs);
          break;
        default:
          (void)argmax(xs);
      }
    });
    return;
  }
  bool any_nan = false;
  std::size_t first_nan = n;
  for (std::size_t i = 0; i < n; ++i)
    if (std::isnan(xs[i]) && !any_nan) any_nan = true, first_nan = i;
  if (op >= kMin) {
    std::size_t lo = 0, hi = 0;
    for (std::size_t i = 1; i < n; ++i) {
      if (xs[i] < xs[lo]) lo = i;
      if (xs[i] > xs[hi]) hi = i;
    }
    if (any_nan) lo = hi = first_nan;
    switch (op) {
      case kMin:
        FUZZ_CHECK(same(min(xs), xs[lo]), what);
        break;
      case kMax:
        FUZZ_CHECK(same(max(xs), xs[hi]), what);
        break;
      case kArgmin:
        FUZZ_CHECK(argmin(xs) == lo, what + ": got " + std::to_string(argmin(xs)) + ", want " + std::to_string(lo));
        break;
      default:
        FUZZ_CHECK(argmax(xs) == hi, what + ": got " + std::to_string(argmax(xs)) + ", want " + std::to_string(hi));
    }
    return;
  }
  // Terms and their exact (long double) sum.
  long double s = 0, scale = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const long double t = op == kDot      ? (long double)xs[i] * ys[i]
                          : op == kNormL1 ? std::fabs((long double)xs[i])
                                          : xs[i];
    s += t;
    scale += std::fabs(t);
  }
  if (op == kMean) s /= (long double)n, scale /= (long double)n;
  T got;
  switch (op) {
    case kSum:
      got = sum(xs);
      break;
    case kMean:
      got = mean(xs);
      break;
    case kDot:
      got = dot(xs, ys);
      break;
    default:
      got = norm_l1(xs);
  }
  const double want = double(s);
  double tol;
  if constexpr (std::is_same_v<T, float>) {
    const float w = std::fabs(float(want));
    tol = double(std::nextafter(w, INFINITY) - w) / 2 + std::ldexp(double(scale), -23);
  } else {
    tol = (std::log2(double(n) + 1) + 40) * std::ldexp(double(scale), -53);
  }
  if (!std::isfinite(double(scale))) {  // an infinity or NaN among the terms: same class of result
    FUZZ_CHECK(std::isnan(got) == std::isnan(want), what + ": got " + num(got) + ", want " + num(want));
    if (!std::isnan(want)) FUZZ_CHECK(got == T(want), what);
    return;
  }
  FUZZ_CHECK(close(got, want, tol), what + ": got " + num(got) + ", want " + num(want));
}

template <class T>
void run(FuzzInput& in) {
  const Op op = static_cast<Op>(in.pick(kOps));
  const std::size_t n = in.size(in.flag() ? 5000 : 70);
  const std::string what = std::string(kNames[op]) + " n=" + std::to_string(n);
  if (op <= kDiv)
    binary<T>(op, in, n, what);
  else
    reduction<T>(op, in, n, what);
}

}  // namespace
}  // namespace trueno::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return trueno::fuzz::fuzz_one(data, size, [](auto& in, auto t) { trueno::fuzz::run<decltype(t)>(in); });
}
