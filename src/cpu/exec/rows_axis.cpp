// rows_axis.cpp: softmax / log_softmax along any axis. When the axis is innermost and
// contiguous in both views and the rows are evenly spaced, the rows kernels run on the views
// themselves; when both are C-ordered, slices are transposed through scratch (below); otherwise
// x is gathered into per-thread scratch with the axis moved last (rows of
// the axis' length), the rows kernels run there in place, and the result is scattered to out.
// The gather and scatter are element-wise copies through the strided executor (strided.hpp).
#include "cpu/exec/rows_axis.hpp"

#include "cpu/exec/matrix.hpp"
#include "cpu/exec/rows.hpp"
#include "cpu/exec/scratch.hpp"
#include "cpu/exec/strided.hpp"

namespace trueno::cpu::exec {
namespace {

// C-ordered, ignoring size-1 dimensions: the elements packed in row-major order.
template <class T>
bool c_ordered(const ArrayView<T>& v) {
  std::ptrdiff_t expect = 1;
  for (std::size_t d = v.ndim(); d-- > 0;) {
    if (v.shape(d) == 1) continue;
    if (v.stride(d) != expect) return false;
    expect *= static_cast<std::ptrdiff_t>(v.shape(d));
  }
  return true;
}

// rows x cols with the rows evenly spaced by cols: C-ordered, and axis the innermost dimension
// longer than 1 (or of length 1 itself).
template <class T>
bool rows_in_place(const ArrayView<T>& v, std::size_t axis) {
  if (v.shape(axis) != 1)
    for (std::size_t d = axis + 1; d < v.ndim(); ++d)
      if (v.shape(d) != 1) return false;
  return c_ordered(v);
}

// The copy between a view and scratch holding it with `axis` moved last, C-ordered.
template <class T>
trueno::detail::Layout<2> moved(const ArrayView<const T>& v, std::size_t axis, bool to_scratch) {
  trueno::detail::Layout<2> l;
  l.ndim = v.ndim();
  std::ptrdiff_t s = 1;
  // Scratch dimension order: every dimension but axis, then axis.
  std::size_t order[kMaxDims];
  std::size_t k = 0;
  for (std::size_t d = 0; d < v.ndim(); ++d)
    if (d != axis) order[k++] = d;
  order[k] = axis;
  for (std::size_t i = v.ndim(); i-- > 0;) {
    const std::size_t d = order[i];
    l.shape[i] = v.shape(d);
    l.strides[to_scratch ? 0 : 1][i] = s;
    l.strides[to_scratch ? 1 : 0][i] = v.stride(d);
    s *= static_cast<std::ptrdiff_t>(v.shape(d));
  }
  return l;
}

}  // namespace

template <class T>
void softmax_axis(bool log, ArrayView<const T> x, std::size_t axis, ArrayView<T> out) {
  const std::size_t n = x.size(), cols = x.shape(axis), rows = n / cols;
  const auto run = [&](const T* in, T* o, std::size_t r) {
    log ? log_softmax(in, o, r, cols) : softmax(in, o, r, cols);
  };
  if (rows_in_place(x, axis) && rows_in_place(ArrayView<const T>(out), axis)) return run(x.data(), out.data(), rows);
  // Both C-ordered: each (axis x inner) slice is transposed into scratch by the blocked
  // transpose kernel (rows of the axis), run, and transposed back: the memory is walked in
  // cache-line tiles, where an element-wise gather would take a line per element.
  if (c_ordered(x) && c_ordered(out)) {
    std::size_t inner = 1;
    for (std::size_t d = axis + 1; d < x.ndim(); ++d) inner *= x.shape(d);
    ScratchLease lease(ScratchSlot::reduce, cols * inner * sizeof(T));
    T* buf = lease.as<T>();
    for (std::size_t o = 0; o < n / (cols * inner); ++o) {
      transpose(x.data() + o * cols * inner, inner, cols, inner, buf, cols);
      run(buf, buf, inner);
      transpose(static_cast<const T*>(buf), cols, inner, cols, out.data() + o * cols * inner, inner);
    }
    return;
  }
  ScratchLease lease(ScratchSlot::reduce, n * sizeof(T));
  T* buf = lease.as<T>();
  strided_copy(moved(x, axis, true), x.data(), buf);
  run(buf, buf, rows);
  strided_copy(moved(ArrayView<const T>(out), axis, false), static_cast<const T*>(buf), out.data());
}

template void softmax_axis(bool, ArrayView<const float>, std::size_t, ArrayView<float>);
template void softmax_axis(bool, ArrayView<const double>, std::size_t, ArrayView<double>);

}  // namespace trueno::cpu::exec
