// fuzz_nd: the ArrayView forms on every backend: broadcasting binary ops, unary ops and axis
// reductions over random shapes (0-4 dimensions) and layouts (any dimension order, steps of 1-3,
// reversed dimensions, misaligned starts, broadcast inputs). Every element against a naive
// reference (exact for add / maximum / neg / max / argmax; sum within docs/accuracy.md's bound),
// nothing written outside out's elements, and shapes that do not broadcast throw SizeMismatch.
#include <algorithm>
#include <array>
#include <functional>

#include "fuzz_common.hpp"

namespace trueno::fuzz {
namespace {

// An operand: a padded buffer and a view of `shape` in a random layout.
template <class T>
struct View {
  std::vector<T> buf;
  std::vector<std::size_t> shape;
  std::vector<std::ptrdiff_t> strides;
  std::size_t origin = 0;

  View(FuzzInput& in, const std::vector<std::size_t>& s, bool values, T fill = T(0)) : shape(s), strides(s.size()) {
    std::vector<std::size_t> order(s.size());
    for (std::size_t d = 0; d < s.size(); ++d) order[d] = d;
    for (std::size_t d = s.size(); d > 1; --d) std::swap(order[d - 1], order[in.pick(d)]);
    std::ptrdiff_t step = 1 + static_cast<std::ptrdiff_t>(in.pick(3)), span = 1;
    std::ptrdiff_t lo = 0;
    for (std::size_t i = s.size(); i-- > 0;) {
      const std::size_t d = order[i];
      strides[d] = (in.flag() ? -1 : 1) * step * span;
      if (strides[d] < 0 && s[d] > 0) lo += strides[d] * static_cast<std::ptrdiff_t>(s[d] - 1);
      span *= static_cast<std::ptrdiff_t>(s[d] > 0 ? s[d] : 1);
    }
    origin = static_cast<std::size_t>(-lo) + in.pick(4);
    buf.assign(origin + static_cast<std::size_t>(step * span) + 4, fill);
    if (values)
      for (auto& v : buf) v = in.value<T>(in.pick(8) == 0);
  }
  ArrayView<T> view() { return ArrayView<T>(buf.data() + origin, shape.data(), strides.data(), shape.size()); }
  std::ptrdiff_t offset(const std::vector<std::size_t>& idx) const {
    std::ptrdiff_t o = static_cast<std::ptrdiff_t>(origin);
    for (std::size_t d = 0; d < idx.size(); ++d) o += static_cast<std::ptrdiff_t>(idx[d]) * strides[d];
    return o;
  }
  // The element for an index of a (broadcast) result of rank n: aligned on the right.
  T at(const std::vector<std::size_t>& out_idx) const {
    std::vector<std::size_t> idx(shape.size());
    for (std::size_t d = 0; d < shape.size(); ++d)
      idx[d] = shape[d] == 1 ? 0 : out_idx[out_idx.size() - shape.size() + d];
    return buf[static_cast<std::size_t>(offset(idx))];
  }
};

void for_each(const std::vector<std::size_t>& shape, const std::function<void(const std::vector<std::size_t>&)>& f) {
  std::size_t n = 1;
  for (auto s : shape) n *= s;
  std::vector<std::size_t> idx(shape.size());
  for (std::size_t i = 0; i < n; ++i) {
    f(idx);
    for (std::size_t d = shape.size(); d-- > 0;)
      if (++idx[d] < shape[d])
        break;
      else
        idx[d] = 0;
  }
}

template <class T>
void check_untouched(const View<T>& out, const std::string& what) {
  std::vector<bool> inside(out.buf.size());
  for_each(out.shape, [&](const auto& idx) { inside[static_cast<std::size_t>(out.offset(idx))] = true; });
  for (std::size_t e = 0; e < out.buf.size(); ++e)
    FUZZ_CHECK(inside[e] || same(out.buf[e], T(-7.5)), what + ": wrote outside out");
}

template <class T>
void elementwise(FuzzInput& in, const std::vector<std::size_t>& shape) {
  // Each input: the shape with some dimensions 1 and some leading ones dropped.
  std::array<std::vector<std::size_t>, 2> s{shape, shape};
  for (auto& v : s) {
    for (auto& d : v)
      if (in.pick(3) == 0) d = 1;
    v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(in.pick(v.size() + 1)));
  }
  const bool bad = in.pick(8) == 0 && !s[1].empty() && shape.back() > 1 && s[1].back() == shape.back();
  if (bad) s[1].back() += 1;  // does not broadcast
  View<T> a(in, s[0], true), b(in, s[1], true), out(in, shape, false, T(-7.5));
  const std::size_t op = in.pick(3);
  const std::string what = "nd op " + std::to_string(op) + " rank " + std::to_string(shape.size());
  if (bad) {
    expect_throw<SizeMismatch>(what.c_str(), [&] { add(a.view(), b.view(), out.view()); });
    return;
  }
  if (op == 0) add(ArrayView<const T>(a.view()), b.view(), out.view());
  if (op == 1) maximum(ArrayView<const T>(a.view()), b.view(), out.view());
  if (op == 2) neg(ArrayView<const T>(a.view()), out.view());
  for_each(shape, [&](const auto& idx) {
    const T x = a.at(idx), y = b.at(idx);
    const T want = op == 0 ? x + y : op == 1 ? (std::isnan(x) || std::isnan(y) ? NAN : std::max(x, y)) : -x;
    FUZZ_CHECK(same(out.buf[static_cast<std::size_t>(out.offset(idx))], want) ||
                   (std::isnan(want) && std::isnan(out.buf[static_cast<std::size_t>(out.offset(idx))])),
               what);
  });
  check_untouched(out, what);
}

template <class T>
void reduction(FuzzInput& in, const std::vector<std::size_t>& shape) {
  if (shape.empty()) return;
  View<T> x(in, shape, true);
  Axes axes;
  std::vector<std::size_t> kept;
  for (std::size_t d = 0; d < shape.size(); ++d)
    if (in.flag())
      axes.add(d);
    else
      kept.push_back(shape[d]);
  View<T> out(in, kept, false, T(-7.5));
  const std::size_t op = in.pick(3), axis = in.pick(shape.size());
  const std::string what = "nd reduction " + std::to_string(op) + " rank " + std::to_string(shape.size());
  std::size_t run = 1;
  for (std::size_t d = 0; d < shape.size(); ++d) run *= axes.has(d) ? shape[d] : 1;
  if (op == 2) {  // argmax along one axis
    std::vector<std::size_t> rest;
    for (std::size_t d = 0; d < shape.size(); ++d)
      if (d != axis) rest.push_back(shape[d]);
    std::vector<std::int64_t> idx_out(std::max<std::size_t>(1, [&] {
      std::size_t n = 1;
      for (auto s : rest) n *= s;
      return n;
    }()));
    const ArrayView<std::int64_t> iv(idx_out.data(), rest.data(), rest.size());
    if (shape[axis] == 0 && iv.size() > 0) {
      expect_throw<EmptyInput>(what.c_str(), [&] { argmax(ArrayView<const T>(x.view()), axis, iv); });
      return;
    }
    argmax(ArrayView<const T>(x.view()), axis, iv);
    std::size_t k = 0;
    for_each(rest, [&](const auto& r) {
      std::vector<std::size_t> idx(shape.size());
      for (std::size_t d = 0, j = 0; d < shape.size(); ++d) idx[d] = d == axis ? 0 : r[j++];
      std::int64_t best = 0;
      for (std::size_t i = 0; i < shape[axis]; ++i) {
        idx[axis] = i;
        const T v = x.buf[static_cast<std::size_t>(x.offset(idx))];
        idx[axis] = static_cast<std::size_t>(best);
        const T b = x.buf[static_cast<std::size_t>(x.offset(idx))];
        if (!std::isnan(b) && (std::isnan(v) || v > b)) best = static_cast<std::int64_t>(i);
      }
      FUZZ_CHECK(idx_out[k++] == best, what);
    });
    return;
  }
  if (run == 0 && op == 1 && out.view().size() > 0) {
    expect_throw<EmptyInput>(what.c_str(), [&] { max(ArrayView<const T>(x.view()), axes, out.view()); });
    return;
  }
  op == 0 ? sum(ArrayView<const T>(x.view()), axes, out.view()) : max(ArrayView<const T>(x.view()), axes, out.view());
  for_each(kept, [&](const auto& k) {
    double s = 0, mag = 0;
    T m = T(0);
    bool nan = false, first = true;
    for_each(shape, [&](const auto& idx) {
      for (std::size_t d = 0, j = 0; d < shape.size(); ++d)
        if (!axes.has(d) && idx[d] != k[j++]) return;
      const T v = x.buf[static_cast<std::size_t>(x.offset(idx))];
      s += v, mag += std::fabs(static_cast<double>(v)), nan = nan || std::isnan(v);
      m = first || v > m ? v : m, first = false;
    });
    const T got = out.buf[static_cast<std::size_t>(out.offset(k))];
    if (op == 1) {
      FUZZ_CHECK(nan ? std::isnan(got) : same(got, m), what + " max");
    } else if (std::isfinite(s)) {
      const double tol = std::ldexp(1.0, sizeof(T) == 4 ? -23 : -45) * mag + std::fabs(s) * 1e-7;
      FUZZ_CHECK(std::fabs(static_cast<double>(got) - s) <= tol, what + " sum");
    }
  });
  check_untouched(out, what);
}

template <class T>
void run(FuzzInput& in) {
  std::vector<std::size_t> shape(in.pick(5));
  for (auto& d : shape) d = in.pick(7);
  in.flag() ? elementwise<T>(in, shape) : reduction<T>(in, shape);
}

}  // namespace
}  // namespace trueno::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return trueno::fuzz::fuzz_one(data, size, [](auto& in, auto t) { trueno::fuzz::run<decltype(t)>(in); });
}
