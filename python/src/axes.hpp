// axes.hpp: NumPy's axis=, keepdims=, dtype= and out= for the reductions, over the C++ axis
// forms (trueno/reductions.hpp, ArrayView operands). Without any of them a reduction takes the
// whole-array path (reduce_op: the least work per call) and returns a NumPy scalar.
#pragma once

#include <cstdint>
#include <string>

#include "array.hpp"
#include "bind.hpp"
#include "nd.hpp"
#include "trueno/reductions.hpp"

namespace trueno::py {

/// axis=None (every dimension), an int or a tuple of ints, negative ones from the end:
/// numpy.exceptions.AxisError when out of range, ValueError when repeated, TypeError for a
/// tuple where one axis is allowed (single).
Axes parse_axes(const char* op, nb::handle axis, int ndim, bool single);

/// dtype=: None or x's own dtype (false), or float64 for float32 x (true, the wide forms);
/// anything else is a TypeError (trueno does not convert).
bool parse_wide(const char* op, nb::handle dtype, PyArrayObject* x, bool allowed);

/// The result's shape: x's without the axes, or with them as 1 (keepdims). Returns ndim.
int reduced_shape(PyArrayObject* x, Axes axes, bool keepdims, npy_intp (&dims)[NPY_MAXDIMS]);

/// A NumPy scalar for a 0-d result (what numpy returns for axis=None without keepdims).
nb::object scalar_if_0d(nb::object r);

/// The reduction over axes: f(ArrayView<const T> x, Axes, ArrayView<R> out) with R = T, double
/// (wide) or int64 (arg); into a new array, or out= (its dtype and shape checked, any strides).
template <class T, class R, class F>
nb::object axis_call(const char* op, nb::object x, Axes axes, bool keepdims, nb::handle out, const F& f) {
  x = nd_readable(std::move(x), nullptr, sizeof(T));
  PyArrayObject* xa = arr(x);
  npy_intp dims[NPY_MAXDIMS];
  const int nd = reduced_shape(xa, axes, keepdims, dims);
  constexpr int npy = std::is_same_v<R, float> ? NPY_FLOAT32 : std::is_same_v<R, double> ? NPY_FLOAT64 : NPY_INT64;
  nb::object r;
  if (out.is_none()) {
    r = new_array(nd, dims, npy, sizeof(R));
  } else {
    nb::object like = nb::steal(PyArray_SimpleNew(0, nullptr, npy));
    r = checked_out_shape(op, out, arr(like), nd, dims, /*any_layout=*/true);
  }
  const ArrayView<const T> xv = view_of<const T>(xa);
  const ArrayView<R> ov = view_of<R>(arr(r));
  run_kernel(xv.size(), [&] { f(xv, axes, ov); });
  return out.is_none() ? scalar_if_0d(std::move(r)) : r;
}

enum class AxisKind { plain, wide, arg };  // wide: dtype=float64 allowed; arg: one axis, int64

/// `name(x, axis=None, *, keepdims=False, dtype=None, out=None)`: whole(std::span<const T>)
/// when none of them is given (a NumPy scalar), else axis(ArrayView<const T>, Axes,
/// ArrayView<R>) over float32/float64 x (integer x: the whole-array form only, TypeError).
template <AxisKind kind, class... Ts, class Whole, class Axis>
nb::object axis_reduce(const char* op, nb::handle x, nb::handle axis, bool keepdims, nb::handle dtype, nb::handle out,
                       const Whole& whole, const Axis& f) {
  if (axis.is_none() && !keepdims && dtype.is_none() && out.is_none()) return reduce_op<Ts...>(op, {"x"}, {x}, whole);
  nb::object a = as_array(op, "x", x);
  PyArrayObject* xa = arr(a);
  const bool wide = parse_wide(op, dtype, xa, kind == AxisKind::wide);
  Axes axes = parse_axes(op, axis, PyArray_NDIM(xa), kind == AxisKind::arg);
  if (kind == AxisKind::arg && axis.is_none()) {  // the flat index: over the raveled array
    npy_intp dims[NPY_MAXDIMS];
    const int nd = reduced_shape(xa, axes, keepdims, dims);
    PyObject* flat = PyArray_Ravel(xa, NPY_CORDER);
    if (flat == nullptr) throw nb::python_error();
    nb::object r = axis_reduce<kind, Ts...>(op, nb::steal(flat), nb::int_(0), false, dtype, nb::none(), whole, f);
    nb::object r0 = nb::steal(PyArray_FromAny(r.ptr(), nullptr, 0, 0, 0, nullptr));  // the scalar as 0-d
    PyArray_Dims shape{dims, nd};
    nb::object res = r0.is_valid() ? nb::steal(PyArray_Newshape(arr(r0), &shape, NPY_CORDER)) : nb::object();
    if (!res.is_valid()) throw nb::python_error();
    if (out.is_none()) return keepdims ? res : scalar_if_0d(res);
    nb::object o = checked_out_shape(op, out, arr(res), nd, dims, /*any_layout=*/true);
    if (PyArray_CopyInto(arr(o), arr(res)) < 0) throw nb::python_error();
    return o;
  }
  switch (dtype_of(xa)) {
    case DType::f32:
      if constexpr (kind == AxisKind::arg) return axis_call<float, std::int64_t>(op, a, axes, keepdims, out, f);
      if constexpr (kind == AxisKind::wide)
        if (wide) return axis_call<float, double>(op, a, axes, keepdims, out, f);
      if constexpr (kind != AxisKind::arg) return axis_call<float, float>(op, a, axes, keepdims, out, f);
    case DType::f64:
      if constexpr (kind == AxisKind::arg)
        return axis_call<double, std::int64_t>(op, a, axes, keepdims, out, f);
      else
        return axis_call<double, double>(op, a, axes, keepdims, out, f);
    default:
      throw_dtype(op, "x", xa, {"float32", "float64"});
  }
}

/// The rules every axis reduction's docstring ends with.
inline std::string axis_doc(AxisKind kind) {
  std::string s = "\n\naxis: None (every element: returns a NumPy scalar), an int";
  s += kind == AxisKind::arg ? "" : " or a tuple of ints";
  s += " (negative from the end); keepdims=True keeps the reduced dimensions as 1; out= receives\n"
       "the result (its shape and dtype, any strides). Each result element has the accuracy of the\n"
       "whole-array form over its elements; x of any strides is read in place. With axis=,\n"
       "keepdims= or out=, float32 and float64 only.";
  if (kind == AxisKind::wide) s += " dtype=numpy.float64 accumulates float32 x into a float64 result.";
  if (kind == AxisKind::arg) s += " The indices are int64, along the axis (flat for axis=None).";
  return s;
}

/// Defines `name(x, axis=None, *, keepdims=False, dtype=None, out=None)` (see axis_reduce).
template <AxisKind kind, class... Ts, class Whole, class Axis>
void def_axis_reduce(nb::module_& m, const char* name, Whole whole, Axis f, const char* ret, const char* what) {
  const std::string sig = signature(name,
                                    std::string("x: ") + kArrayLike +
                                        ", axis: int | tuple[int, ...] | None = None, *, keepdims: bool = False, "
                                        "dtype: numpy.typing.DTypeLike = None, " +
                                        kOutParam,
                                    (std::string(ret) + " | " + kNDArray).c_str());
  m.def(
      name,
      [name, whole, f](nb::handle x, nb::handle axis, bool keepdims, nb::handle dtype, nb::handle out) {
        return axis_reduce<kind, Ts...>(name, x, axis, keepdims, dtype, out, whole, f);
      },
      nb::arg("x"), nb::arg("axis") = nb::none(), nb::kw_only(), nb::arg("keepdims") = false,
      nb::arg("dtype") = nb::none(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      (reduction_doc<Ts...>(what) + axis_doc(kind)).c_str());
}

}  // namespace trueno::py
