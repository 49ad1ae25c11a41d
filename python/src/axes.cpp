// axes.cpp: the non-template half of axes.hpp: axis=, dtype= and the reduced shape.
#include "axes.hpp"

#include <string>

namespace trueno::py {
namespace {

[[noreturn]] void axis_error(const char* op, long axis, int ndim) {
  nb::object cls = nb::module_::import_("numpy.exceptions").attr("AxisError");
  PyErr_SetObject(cls.ptr(), nb::str((prefix(op) + "axis " + std::to_string(axis) +
                                      " is out of bounds for an array of dimension " + std::to_string(ndim))
                                         .c_str())
                                 .ptr());
  throw nb::python_error();
}

}  // namespace

Axes parse_axes(const char* op, nb::handle axis, int ndim, bool single) {
  if (axis.is_none()) return Axes::all();
  Axes a;
  const auto add = [&](nb::handle h) {
    if (!PyLong_Check(h.ptr()) && !PyIndex_Check(h.ptr()))
      throw nb::type_error((prefix(op) + "axis must be None, an int or a tuple of ints").c_str());
    long v = PyLong_AsLong(h.ptr());
    if (v == -1 && PyErr_Occurred()) throw nb::python_error();
    const long given = v;
    if (v < 0) v += ndim;
    if (v < 0 || v >= ndim) axis_error(op, given, ndim);
    if (a.has(static_cast<std::size_t>(v))) throw nb::value_error((prefix(op) + "duplicate value in 'axis'").c_str());
    a.add(static_cast<std::size_t>(v));
  };
  if (PyTuple_Check(axis.ptr())) {
    if (single) throw nb::type_error((prefix(op) + "axis must be None or an int, not a tuple").c_str());
    for (nb::handle h : nb::borrow<nb::tuple>(axis)) add(h);
  } else {
    add(axis);
  }
  return a;
}

bool parse_wide(const char* op, nb::handle dtype, PyArrayObject* x, bool allowed) {
  if (dtype.is_none()) return false;
  PyArray_Descr* d = nullptr;
  if (PyArray_DescrConverter2(dtype.ptr(), &d) == 0 || d == nullptr) throw nb::python_error();
  const bool same = PyArray_EquivTypes(d, PyArray_DESCR(x)) != 0;
  const bool f64 = d->type_num == NPY_FLOAT64;
  Py_DECREF(d);
  if (same) return false;
  if (allowed && f64 && dtype_of(x) == DType::f32) return true;
  throw nb::type_error((prefix(op) + "dtype= must be None, x's dtype" +
                        (allowed ? std::string(" or float64 (for float32 x)") : std::string()) +
                        " (trueno does not convert)")
                           .c_str());
}

int reduced_shape(PyArrayObject* x, Axes axes, bool keepdims, npy_intp (&dims)[NPY_MAXDIMS]) {
  int n = 0;
  for (int d = 0; d < PyArray_NDIM(x); ++d) {
    if (!axes.has(static_cast<std::size_t>(d)))
      dims[n++] = PyArray_DIM(x, d);
    else if (keepdims)
      dims[n++] = 1;
  }
  return n;
}

nb::object scalar_if_0d(nb::object r) {
  if (PyArray_NDIM(arr(r)) != 0) return r;
  PyObject* s = PyArray_Return(reinterpret_cast<PyArrayObject*>(r.release().ptr()));
  if (s == nullptr) throw nb::python_error();
  return nb::steal(s);
}

}  // namespace trueno::py
