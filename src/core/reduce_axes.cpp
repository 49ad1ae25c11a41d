// reduce_axes.cpp: front-ends of the axis reductions (reductions.hpp, statistics.hpp, N-d
// forms): check the axes, out's shape (keepdims or not) and the overlap, build the
// device-neutral ReduceLayout, check the runs are not empty where that is undefined, and hand
// the reduction to the CPU executor (cpu/exec/reduce_axes.hpp).
#include <string>

#include "core/checks.hpp"
#include "core/layout.hpp"
#include "core/operands.hpp"
#include "cpu/exec/reduce_axes.hpp"
#include "trueno/reductions.hpp"
#include "trueno/statistics.hpp"

namespace trueno {
namespace {

template <class T, class R>
ReduceLayout reduce_layout(const char* op, const ArrayView<const T>& x, Axes axes, const ArrayView<R>& out) {
  const std::size_t nd = x.ndim();
  for (std::size_t d = nd; d < kMaxDims; ++d)
    if (axes.has(d) && axes.bits() != Axes::all().bits()) detail::check_axis(op, d, nd);
  std::size_t kept = 0;
  for (std::size_t d = 0; d < nd; ++d) kept += axes.has(d) ? 0 : 1;
  const bool keepdims = out.ndim() == nd && out.ndim() != kept;
  bool shape_ok = out.ndim() == kept || keepdims;
  ReduceLayout l;
  std::size_t o = 0;
  for (std::size_t d = 0; d < nd && shape_ok; ++d) {
    if (axes.has(d)) {
      if (keepdims) shape_ok = out.shape(o++) == 1;
      l.rshape[l.nr] = x.shape(d);
      l.rx[l.nr++] = x.stride(d);
    } else {
      shape_ok = out.shape(o) == x.shape(d);
      l.kshape[l.nk] = x.shape(d);
      l.kx[l.nk] = x.stride(d);
      l.kout[l.nk++] = out.stride(o++);
    }
  }
  if (!shape_ok) {
    throw SizeMismatch(detail::op_prefix(op) + "out has shape " + detail::shape_str(out.shape()) +
                       ", which is not x's shape " + detail::shape_str(x.shape()) +
                       " without the reduced dimensions (or with them as 1)");
  }
  for (std::size_t d = 0; d < l.nk; ++d)
    if (l.kout[d] == 0 && l.kshape[d] > 1 && out.size() > 0)
      detail::throw_invalid(op, "out is broadcast (a zero stride)");
  if (out.size() > 0 && x.size() > 0) {
    const auto a = detail::extent(x), b = detail::extent(out);
    if (a.first < b.second && b.first < a.second) detail::throw_invalid(op, "out overlaps x");
  }
  l.nk = detail::normalize_dims<2>(l.nk, l.kshape, {&l.kout, &l.kx});
  l.nr = detail::normalize_dims<1>(l.nr, l.rshape, {&l.rx});
  return l;
}

bool defined_on_empty(ReduceOp op) {
  return op == ReduceOp::sum || op == ReduceOp::sum_sq || op == ReduceOp::norm_l1 || op == ReduceOp::norm_l2 ||
         op == ReduceOp::norm_linf;
}

template <class T, class R>
void reduce(const char* name, ReduceOp op, ArrayView<const T> x, Axes axes, ArrayView<R> out, std::size_t ddof = 0) {
  const ReduceLayout l = reduce_layout(name, x, axes, out);
  if (l.outputs() == 0) return;
  const std::size_t run = l.run();
  if (run == 0 && !defined_on_empty(op)) throw EmptyInput(detail::op_prefix(name) + "a reduced run is empty");
  if ((op == ReduceOp::variance || op == ReduceOp::stddev) && ddof >= run) {
    detail::throw_invalid(name, "ddof (" + std::to_string(ddof) +
                                    ") must be less than the number of elements reduced (" + std::to_string(run) + ")");
  }
  cpu::exec::reduce_axes(op, x.data(), l, out.data(), ddof);
}

template <class T>
void arg(const char* name, ReduceOp op, ArrayView<const T> x, std::size_t axis, ArrayView<std::int64_t> out) {
  detail::check_axis(name, axis, x.ndim());
  reduce<T, std::int64_t>(name, op, x, Axes{axis}, out);
}

}  // namespace

#define TRUENO_AXIS_FORMS(name, op)                                        \
  void name(ArrayView<const float> x, Axes axes, ArrayView<float> out) {   \
    reduce<float, float>(#name, ReduceOp::op, x, axes, out);               \
  }                                                                        \
  void name(ArrayView<const double> x, Axes axes, ArrayView<double> out) { \
    reduce<double, double>(#name, ReduceOp::op, x, axes, out);             \
  }
#define TRUENO_WIDE_FORM(name, op)                                        \
  void name(ArrayView<const float> x, Axes axes, ArrayView<double> out) { \
    reduce<float, double>(#name, ReduceOp::op, x, axes, out);             \
  }
TRUENO_AXIS_FORMS(sum, sum)
TRUENO_WIDE_FORM(sum, sum)
TRUENO_AXIS_FORMS(mean, mean)
TRUENO_WIDE_FORM(mean, mean)
TRUENO_AXIS_FORMS(min, min)
TRUENO_AXIS_FORMS(max, max)
TRUENO_AXIS_FORMS(norm_l1, norm_l1)
TRUENO_AXIS_FORMS(norm_l2, norm_l2)
TRUENO_AXIS_FORMS(norm_linf, norm_linf)
TRUENO_AXIS_FORMS(sum_of_squares, sum_sq)
#undef TRUENO_AXIS_FORMS
#undef TRUENO_WIDE_FORM

void argmin(ArrayView<const float> x, std::size_t axis, ArrayView<std::int64_t> out) {
  arg<float>("argmin", ReduceOp::argmin, x, axis, out);
}
void argmin(ArrayView<const double> x, std::size_t axis, ArrayView<std::int64_t> out) {
  arg<double>("argmin", ReduceOp::argmin, x, axis, out);
}
void argmax(ArrayView<const float> x, std::size_t axis, ArrayView<std::int64_t> out) {
  arg<float>("argmax", ReduceOp::argmax, x, axis, out);
}
void argmax(ArrayView<const double> x, std::size_t axis, ArrayView<std::int64_t> out) {
  arg<double>("argmax", ReduceOp::argmax, x, axis, out);
}

#define TRUENO_MOMENT_FORMS(name)                                                            \
  void name(ArrayView<const float> x, Axes axes, ArrayView<float> out, std::size_t ddof) {   \
    reduce<float, float>(#name, ReduceOp::name, x, axes, out, ddof);                         \
  }                                                                                          \
  void name(ArrayView<const float> x, Axes axes, ArrayView<double> out, std::size_t ddof) {  \
    reduce<float, double>(#name, ReduceOp::name, x, axes, out, ddof);                        \
  }                                                                                          \
  void name(ArrayView<const double> x, Axes axes, ArrayView<double> out, std::size_t ddof) { \
    reduce<double, double>(#name, ReduceOp::name, x, axes, out, ddof);                       \
  }
TRUENO_MOMENT_FORMS(variance)
TRUENO_MOMENT_FORMS(stddev)
#undef TRUENO_MOMENT_FORMS

}  // namespace trueno
