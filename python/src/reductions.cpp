// reductions.cpp: Python bindings of the whole-array reductions (trueno/reductions.hpp).
#include <cstdint>
#include <string>

#include "axes.hpp"
#include "bind.hpp"
#include "trueno/reductions.hpp"

namespace trueno::py {
namespace {

using std::int32_t;
using std::int64_t;

// The one axis of an arg-reduction's Axes (axis_reduce passes exactly one).
std::size_t first_axis(Axes a, std::size_t ndim) {
  for (std::size_t d = 0; d < ndim; ++d)
    if (a.has(d)) return d;
  return 0;
}

void def_dot(nb::module_& m) {
  const std::string sig =
      signature("dot", std::string("a: ") + kArrayLike + ", b: " + kArrayLike, "numpy.number[typing.Any]");
  m.def(
      "dot",
      [](nb::handle a, nb::handle b) {
        return reduce_op<float, double, int32_t, int64_t>("dot", {"a", "b"}, {a, b},
                                                          [](auto as, auto bs) { return trueno::dot(as, bs); });
      },
      nb::arg("a"), nb::arg("b"), nb::sig(sig.c_str()),
      reduction_doc<float, double, int32_t, int64_t>(
          "sum(a * b) over all elements of two arrays of the same shape and dtype (numpy.vdot; for 2-D\n"
          "arrays this is not numpy.dot's matrix product). float32 is accumulated in double; integer\n"
          "dots are exact and return int64 (OverflowError if the result does not fit). 0 for empty input.")
          .c_str());
}

}  // namespace

void bind_reductions(nb::module_& m) {
  constexpr const char* kNumber = "numpy.number[typing.Any]";
  constexpr const char* kFloating = "numpy.floating[typing.Any]";
  constexpr const char* kIndex = "numpy.intp";

  def_axis_reduce<AxisKind::wide, float, double, int32_t, int64_t>(
      m, "sum", [](auto x) { return trueno::sum(x); }, [](auto x, Axes a, auto o) { trueno::sum(x, a, o); }, kNumber,
      "Sum of all elements (numpy.sum); 0 for empty input. float32 is accumulated in double (within\n"
      "ulp/2 + 2^-23 * sum|x|, docs/accuracy.md); integer sums are exact and return int64 (OverflowError\n"
      "if the sum does not fit). NaN propagates.");
  def_axis_reduce<AxisKind::wide, float, double, int32_t, int64_t>(
      m, "mean", [](auto x) { return trueno::mean(x); }, [](auto x, Axes a, auto o) { trueno::mean(x, a, o); },
      kFloating, "Arithmetic mean (numpy.mean); integer input gives float64. ValueError on empty input.");
  def_axis_reduce<AxisKind::plain, float, double, int32_t, int64_t>(
      m, "min", [](auto x) { return trueno::min(x); }, [](auto x, Axes a, auto o) { trueno::min(x, a, o); }, kNumber,
      "Smallest element (numpy.min); NaN if any element is NaN. ValueError on empty input.");
  def_axis_reduce<AxisKind::plain, float, double, int32_t, int64_t>(
      m, "max", [](auto x) { return trueno::max(x); }, [](auto x, Axes a, auto o) { trueno::max(x, a, o); }, kNumber,
      "Largest element (numpy.max); NaN if any element is NaN. ValueError on empty input.");
  def_axis_reduce<AxisKind::arg, float, double, int32_t, int64_t>(
      m, "argmin", [](auto x) { return trueno::argmin(x); },
      [](auto x, Axes a, auto o) { trueno::argmin(x, first_axis(a, x.ndim()), o); }, kIndex,
      "Flat index of the first minimum, or of the first NaN if any (numpy.argmin). ValueError on\n"
      "empty input.");
  def_axis_reduce<AxisKind::arg, float, double, int32_t, int64_t>(
      m, "argmax", [](auto x) { return trueno::argmax(x); },
      [](auto x, Axes a, auto o) { trueno::argmax(x, first_axis(a, x.ndim()), o); }, kIndex,
      "Flat index of the first maximum, or of the first NaN if any (numpy.argmax). ValueError on\n"
      "empty input.");
  def_dot(m);

  def_axis_reduce<AxisKind::plain, float, double>(
      m, "norm_l1", [](auto x) { return trueno::norm_l1(x); }, [](auto x, Axes a, auto o) { trueno::norm_l1(x, a, o); },
      kFloating, "sum |x| (numpy.linalg.norm(x.ravel(), 1)); 0 for empty input.");
  def_axis_reduce<AxisKind::plain, float, double>(
      m, "norm_l2", [](auto x) { return trueno::norm_l2(x); }, [](auto x, Axes a, auto o) { trueno::norm_l2(x, a, o); },
      kFloating,
      "sqrt(sum x^2) without spurious overflow or underflow (numpy.linalg.norm); 0 for\n"
      "empty input.");
  def_axis_reduce<AxisKind::plain, float, double>(
      m, "norm_linf", [](auto x) { return trueno::norm_linf(x); },
      [](auto x, Axes a, auto o) { trueno::norm_linf(x, a, o); }, kFloating,
      "max |x| (numpy.linalg.norm(x.ravel(), inf)); NaN if any element is NaN; 0 for\n"
      "empty input.");
  def_axis_reduce<AxisKind::plain, float, double>(
      m, "sum_of_squares", [](auto x) { return trueno::sum_of_squares(x); },
      [](auto x, Axes a, auto o) { trueno::sum_of_squares(x, a, o); }, kFloating,
      "sum x^2 (numpy.dot(x, x)); 0 for empty input.");
}

}  // namespace trueno::py
