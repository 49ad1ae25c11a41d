// rows_axis.cpp: front-ends of softmax and log_softmax along any axis of an N-d view: check the
// axis, the shapes and the overlap, then the CPU executor (cpu/exec/rows_axis.hpp).
#include <string>

#include "core/checks.hpp"
#include "core/layout.hpp"
#include "cpu/exec/rows_axis.hpp"
#include "trueno/activations.hpp"

namespace trueno {
namespace {

template <class T>
void softmax_axis(const char* op, bool log, ArrayView<const T> x, std::size_t axis, ArrayView<T> out) {
  detail::check_axis(op, axis, x.ndim());
  bool same_shape = out.ndim() == x.ndim();
  for (std::size_t d = 0; d < x.ndim() && same_shape; ++d) same_shape = out.shape(d) == x.shape(d);
  if (!same_shape) {
    throw SizeMismatch(detail::op_prefix(op) + "out has shape " + detail::shape_str(out.shape()) + " but x has shape " +
                       detail::shape_str(x.shape()));
  }
  // The element-wise layout's checks: out not broadcast, the same view as x or disjoint.
  (void)detail::make_layout<T, 1>(op, out, {x}, {"x"});
  if (x.size() == 0) return;
  cpu::exec::softmax_axis(log, x, axis, out);
}

}  // namespace

void softmax(ArrayView<const float> x, std::size_t axis, ArrayView<float> out) {
  softmax_axis("softmax", false, x, axis, out);
}
void softmax(ArrayView<const double> x, std::size_t axis, ArrayView<double> out) {
  softmax_axis("softmax", false, x, axis, out);
}
void log_softmax(ArrayView<const float> x, std::size_t axis, ArrayView<float> out) {
  softmax_axis("log_softmax", true, x, axis, out);
}
void log_softmax(ArrayView<const double> x, std::size_t axis, ArrayView<double> out) {
  softmax_axis("log_softmax", true, x, axis, out);
}

}  // namespace trueno
