// statistics.cpp: Python bindings of variance, covariance, correlation and the normalizations
// (trueno/statistics.hpp).
#include <cstdint>
#include <string>

#include "axes.hpp"
#include "bind.hpp"
#include "trueno/statistics.hpp"

namespace trueno::py {
namespace {

constexpr const char* kFloating = "numpy.floating[typing.Any]";

std::size_t to_ddof(const char* op, std::int64_t ddof) {
  if (ddof < 0) {
    throw nb::value_error((prefix(op) + "ddof must be >= 0, got " + std::to_string(ddof)).c_str());
  }
  return static_cast<std::size_t>(ddof);
}

// `name(x, axis=None, *, ddof=0, keepdims=False, dtype=None, out=None)`: f(std::span<const T>,
// ddof) for the whole array, g(ArrayView<const T>, Axes, ArrayView<R>, ddof) over axes.
template <class F, class G>
void def_spread(nb::module_& m, const char* name, F f, G g, const char* what) {
  const std::string sig = signature(name,
                                    std::string("x: ") + kArrayLike +
                                        ", axis: int | tuple[int, ...] | None = None, *, ddof: int = 0, "
                                        "keepdims: bool = False, dtype: numpy.typing.DTypeLike = None, " +
                                        kOutParam,
                                    (std::string(kFloating) + " | " + kNDArray).c_str());
  m.def(
      name,
      [name, f, g](nb::handle x, nb::handle axis, std::int64_t ddof, bool keepdims, nb::handle dtype, nb::handle out) {
        const std::size_t d = to_ddof(name, ddof);
        const auto whole = [f, d](auto xs) { return f(xs, d); };
        const auto over = [g, d](auto xv, Axes a, auto o) { g(xv, a, o, d); };
        return axis_reduce<AxisKind::wide, float, double>(name, x, axis, keepdims, dtype, out, whole, over);
      },
      nb::arg("x"), nb::arg("axis") = nb::none(), nb::kw_only(), nb::arg("ddof") = 0, nb::arg("keepdims") = false,
      nb::arg("dtype") = nb::none(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      (reduction_doc<float, double>(what) + axis_doc(AxisKind::wide)).c_str());
}

void def_covariance(nb::module_& m) {
  const std::string sig =
      signature("covariance", std::string("a: ") + kArrayLike + ", b: " + kArrayLike + ", ddof: int = 0", kFloating);
  m.def(
      "covariance",
      [](nb::handle a, nb::handle b, std::int64_t ddof) {
        const std::size_t d = to_ddof("covariance", ddof);
        return reduce_op<float, double>("covariance", {"a", "b"}, {a, b},
                                        [d](auto as, auto bs) { return trueno::covariance(as, bs, d); });
      },
      nb::arg("a"), nb::arg("b"), nb::arg("ddof") = 0, nb::sig(sig.c_str()),
      reduction_doc<float, double>(
          "sum((a - mean(a)) * (b - mean(b))) / (n - ddof) over two arrays of the same shape and dtype\n"
          "(numpy.cov(a, b, ddof=ddof)[0, 1]; note numpy.cov defaults to ddof=1). ValueError on empty\n"
          "input or ddof >= n.")
          .c_str());
}

void def_correlation(nb::module_& m) {
  const std::string sig = signature("correlation", std::string("a: ") + kArrayLike + ", b: " + kArrayLike, kFloating);
  m.def(
      "correlation",
      [](nb::handle a, nb::handle b) {
        return reduce_op<float, double>("correlation", {"a", "b"}, {a, b},
                                        [](auto as, auto bs) { return trueno::correlation(as, bs); });
      },
      nb::arg("a"), nb::arg("b"), nb::sig(sig.c_str()),
      reduction_doc<float, double>(
          "Pearson correlation coefficient in [-1, 1] (numpy.corrcoef(a, b)[0, 1]). ValueError on empty\n"
          "input or when an input is constant.")
          .c_str());
}

}  // namespace

void bind_statistics(nb::module_& m) {
  def_spread(
      m, "variance", [](auto x, std::size_t d) { return trueno::variance(x, d); },
      [](auto x, Axes a, auto o, std::size_t d) { trueno::variance(x, a, o, d); },
      "sum((x - mean)^2) / (n - ddof) (numpy.var(x, ddof=ddof)), two-pass in double precision.\n"
      "ValueError on empty input or ddof >= n.");
  def_spread(
      m, "stddev", [](auto x, std::size_t d) { return trueno::stddev(x, d); },
      [](auto x, Axes a, auto o, std::size_t d) { trueno::stddev(x, a, o, d); },
      "sqrt(variance(x, ddof)) (numpy.std(x, ddof=ddof)). ValueError on empty input or ddof >= n.");
  def_covariance(m);
  def_correlation(m);
  def_unary(
      m, "normalize", [](auto x, auto o) { trueno::normalize(x, o); },
      "x / norm_l2(x) (x / numpy.linalg.norm(x)). ValueError if the norm is zero or infinite.");
  def_unary(
      m, "zscore", [](auto x, auto o) { trueno::zscore(x, o); },
      "(x - mean) / stddev (population), ((x - x.mean()) / x.std()). ValueError on empty input or\n"
      "when the spread is zero or infinite.");
  def_unary(
      m, "minmax_normalize", [](auto x, auto o) { trueno::minmax_normalize(x, o); },
      "(x - min) / (max - min), into [0, 1]. ValueError on empty input, or when max == min or the\n"
      "range is infinite.");
}

}  // namespace trueno::py
