// reductions.cpp: Python bindings of the whole-array reductions (trueno/reductions.hpp).
#include <cstdint>
#include <string>

#include "bind.hpp"
#include "trueno/reductions.hpp"

namespace trueno::py {
namespace {

using std::int32_t;
using std::int64_t;

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

  def_reduce<float, double, int32_t, int64_t>(
      m, "sum", [](auto x) { return trueno::sum(x); }, kNumber,
      "Sum of all elements (numpy.sum); 0 for empty input. float32 is accumulated in double (within 1 ULP\n"
      "plus n * 2^-53 * sum|x|); integer sums are exact and return int64 (OverflowError if the sum does\n"
      "not fit). NaN propagates.");
  def_reduce<float, double, int32_t, int64_t>(
      m, "mean", [](auto x) { return trueno::mean(x); }, kFloating,
      "Arithmetic mean (numpy.mean); integer input gives float64. ValueError on empty input.");
  def_reduce<float, double, int32_t, int64_t>(
      m, "min", [](auto x) { return trueno::min(x); }, kNumber,
      "Smallest element (numpy.min); NaN if any element is NaN. ValueError on empty input.");
  def_reduce<float, double, int32_t, int64_t>(
      m, "max", [](auto x) { return trueno::max(x); }, kNumber,
      "Largest element (numpy.max); NaN if any element is NaN. ValueError on empty input.");
  def_reduce<float, double, int32_t, int64_t>(
      m, "argmin", [](auto x) { return trueno::argmin(x); }, kIndex,
      "Flat index of the first minimum, or of the first NaN if any (numpy.argmin). ValueError on\n"
      "empty input.");
  def_reduce<float, double, int32_t, int64_t>(
      m, "argmax", [](auto x) { return trueno::argmax(x); }, kIndex,
      "Flat index of the first maximum, or of the first NaN if any (numpy.argmax). ValueError on\n"
      "empty input.");
  def_dot(m);

  def_reduce<float, double>(
      m, "norm_l1", [](auto x) { return trueno::norm_l1(x); }, kFloating,
      "sum |x| (numpy.linalg.norm(x.ravel(), 1)); 0 for empty input.");
  def_reduce<float, double>(
      m, "norm_l2", [](auto x) { return trueno::norm_l2(x); }, kFloating,
      "sqrt(sum x^2) without spurious overflow or underflow (numpy.linalg.norm); 0 for\n"
      "empty input.");
  def_reduce<float, double>(
      m, "norm_linf", [](auto x) { return trueno::norm_linf(x); }, kFloating,
      "max |x| (numpy.linalg.norm(x.ravel(), inf)); NaN if any element is NaN; 0 for\n"
      "empty input.");
  def_reduce<float, double>(
      m, "sum_of_squares", [](auto x) { return trueno::sum_of_squares(x); }, kFloating,
      "sum x^2 (numpy.dot(x, x)); 0 for empty input.");
}

}  // namespace trueno::py
