// array.cpp: the non-template half of array.hpp: conversions, result allocation (NumPy's or
// trueno's allocator behind a capsule), out= checks and the dtype/shape error messages.
#include "array.hpp"

#include <string>

#include "trueno/vector.hpp"

namespace trueno::py {
namespace {

constexpr const char* kCapsuleName = "trueno.buffer";

// Frees a trueno result buffer once the last array viewing it is gone. The capsule holds the
// pointer; its context holds the byte size the allocator needs back.
void free_buffer(PyObject* capsule) {
  void* p = PyCapsule_GetPointer(capsule, kCapsuleName);
  const auto bytes = reinterpret_cast<std::size_t>(PyCapsule_GetContext(capsule));
  trueno::detail::deallocate_bytes(p, bytes);
}

std::string str(PyObject* o) {
  nb::object s = nb::steal(PyObject_Str(o));
  if (!s.is_valid()) nb::raise_python_error();
  return nb::borrow<nb::str>(s).c_str();
}

std::string dtype_str(PyArrayObject* a) { return str(reinterpret_cast<PyObject*>(PyArray_DESCR(a))); }

bool same_shape(PyArrayObject* a, PyArrayObject* b) {
  return PyArray_NDIM(a) == PyArray_NDIM(b) && PyArray_CompareLists(PyArray_DIMS(a), PyArray_DIMS(b), PyArray_NDIM(a));
}

bool same_dtype(PyArrayObject* a, PyArrayObject* b) {
  return PyArray_DESCR(a) == PyArray_DESCR(b) || PyArray_EquivTypes(PyArray_DESCR(a), PyArray_DESCR(b));
}

template <class V>
nb::object scalar_of(V v, int npy) {
  PyArray_Descr* d = PyArray_DescrFromType(npy);
  PyObject* s = PyArray_Scalar(&v, d, nullptr);
  Py_DECREF(d);
  if (s == nullptr) nb::raise_python_error();
  return nb::steal(s);
}

}  // namespace

std::string dims_str(int ndim, const npy_intp* dims) {
  std::string s = "(";
  for (int i = 0; i < ndim; ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(dims[i]);
  }
  return s + (ndim == 1 ? ",)" : ")");
}

std::string shape_str(PyArrayObject* a) { return dims_str(PyArray_NDIM(a), PyArray_DIMS(a)); }

namespace {

// numpy.ma.MaskedArray, looked up once: an ndarray subclass whose mask trueno would drop.
PyObject* masked_array_type() {
  static PyObject* type = [] {
    PyObject* ma = PyImport_ImportModule("numpy.ma");
    PyObject* t = ma != nullptr ? PyObject_GetAttrString(ma, "MaskedArray") : nullptr;
    Py_XDECREF(ma);
    if (t == nullptr) PyErr_Clear();
    return t;
  }();
  return type;
}

}  // namespace

void check_not_duck(const char* op, const char* name, nb::handle h) {
  PyObject* o = h.ptr();
  if (PyArray_CheckExact(o)) return;
  const char* why = nullptr;
  if (PyArray_Check(o)) {
    PyObject* masked = masked_array_type();
    if (masked != nullptr && PyObject_IsInstance(o, masked) == 1)
      why = "trueno ignores masks, so the result would lose it: pass x.filled(value) or x.data explicitly";
  } else if (PyObject_HasAttrString(o, "__dask_graph__")) {
    why =
        "trueno does not compute a Dask collection implicitly: call .compute() (or numpy.asarray) first, or "
        "apply trueno per block with dask.array.map_blocks";
  } else if (PyObject_HasAttrString(o, "__array_function__") || PyObject_HasAttrString(o, "__array_ufunc__")) {
    why =
        "it overrides NumPy's functions, so converting it would silently drop its type (and may copy it from "
        "a device): pass numpy.asarray(x) to convert it explicitly";
  }
  if (why != nullptr) {
    const nb::handle type(reinterpret_cast<PyObject*>(Py_TYPE(o)));
    const std::string type_name =
        std::string(nb::str(type.attr("__module__")).c_str()) + "." + nb::str(type.attr("__qualname__")).c_str();
    throw nb::type_error((prefix(op) + name + " is a " + type_name + "; " + why).c_str());
  }
}

nb::object as_array(const char* op, const char* name, nb::handle h) {
  check_not_duck(op, name, h);
  if (PyArray_Check(h.ptr())) return nb::borrow(h);
  // DLPack producers (PyTorch CPU tensors, JAX arrays...): on the CPU, viewed without a copy
  // through numpy.from_dlpack; on a device, a TypeError (no implicit device-to-host copy).
  if (PyObject_HasAttrString(h.ptr(), "__dlpack__") && PyObject_HasAttrString(h.ptr(), "__dlpack_device__")) {
    nb::object dev = h.attr("__dlpack_device__")();
    constexpr int kDLCPU = 1;
    if (nb::cast<int>(dev[0]) != kDLCPU) {
      throw nb::type_error((prefix(op) + name + " is on a device (DLPack device " + str(dev.ptr()) +
                            "); trueno reads host memory: copy it to the CPU explicitly")
                               .c_str());
    }
    // Looked up once and kept for the process (a static nb::object would be released after
    // the interpreter is gone).
    static PyObject* from_dlpack = nb::object(nb::module_::import_("numpy").attr("from_dlpack")).release().ptr();
    return nb::handle(from_dlpack)(h);
  }
  PyObject* a = PyArray_FromAny(h.ptr(), nullptr, 0, 0, 0, nullptr);
  if (a == nullptr) nb::raise_python_error();
  return nb::steal(a);
}

nb::object contiguous(nb::object a) {
  PyArrayObject* p = arr(a);
  if (PyArray_IS_C_CONTIGUOUS(p) && PyArray_ISALIGNED(p)) return a;
  PyObject* c = PyArray_NewCopy(p, NPY_CORDER);
  if (c == nullptr) nb::raise_python_error();
  return nb::steal(c);
}

nb::object new_array_like(PyArrayObject* a, int npy, std::size_t itemsize) {
  return new_array(PyArray_NDIM(a), PyArray_DIMS(a), npy, itemsize);
}

nb::object new_array(int ndim, const npy_intp* dims_in, int npy, std::size_t itemsize) {
  npy_intp* dims = const_cast<npy_intp*>(dims_in);
  std::size_t count = 1;
  for (int i = 0; i < ndim; ++i) count *= static_cast<std::size_t>(dims[i]);
  const std::size_t bytes = count * itemsize;
  if (bytes < kTruenoAllocMinBytes) {
    PyObject* r = PyArray_SimpleNew(ndim, dims, npy);
    if (r == nullptr) nb::raise_python_error();
    return nb::steal(r);
  }
  void* p = trueno::detail::allocate_bytes(bytes);
  PyObject* cap = PyCapsule_New(p, kCapsuleName, free_buffer);
  if (cap == nullptr) {
    trueno::detail::deallocate_bytes(p, bytes);
    nb::raise_python_error();
  }
  // The capsule's context slot carries the block's size for free_buffer.
  PyCapsule_SetContext(cap, reinterpret_cast<void*>(bytes));  // NOLINT(performance-no-int-to-ptr)
  PyObject* r = PyArray_SimpleNewFromData(ndim, dims, npy, p);
  if (r == nullptr) {
    Py_DECREF(cap);
    nb::raise_python_error();
  }
  // Steals cap even on failure; from here the array owns the buffer through it.
  if (PyArray_SetBaseObject(arr(r), cap) < 0) {
    Py_DECREF(r);
    nb::raise_python_error();
  }
  return nb::steal(r);
}

void check_out_type(const char* op, nb::handle out, PyArrayObject* like) {
  check_not_duck(op, "out", out);
  if (!PyArray_Check(out.ptr())) {
    throw nb::type_error(
        (prefix(op) + "out must be a numpy.ndarray, not " + str((PyObject*)Py_TYPE(out.ptr()))).c_str());
  }
  PyArrayObject* o = arr(out);
  if (!same_dtype(o, like)) {
    throw nb::type_error((prefix(op) + "out has dtype " + dtype_str(o) + " but the result is " + dtype_str(like) +
                          " (trueno does not convert)")
                             .c_str());
  }
}

nb::object checked_out_shape(const char* op, nb::handle out, PyArrayObject* like, int ndim, const npy_intp* dims,
                             bool any_layout) {
  check_out_type(op, out, like);
  PyArrayObject* o = arr(out);
  if (PyArray_NDIM(o) != ndim || !PyArray_CompareLists(PyArray_DIMS(o), const_cast<npy_intp*>(dims), ndim)) {
    throw nb::value_error((prefix(op) + "out has shape " + shape_str(o) + " but the result has shape " +
                           dims_str(ndim, dims) + " (broadcasting is not supported)")
                              .c_str());
  }
  if (!any_layout && !PyArray_IS_C_CONTIGUOUS(o))
    throw nb::value_error((prefix(op) + "out must be C-contiguous").c_str());
  if (!PyArray_ISALIGNED(o)) throw nb::value_error((prefix(op) + "out must be aligned").c_str());
  if (!PyArray_ISWRITEABLE(o)) throw nb::value_error((prefix(op) + "out is read-only").c_str());
  return nb::borrow(out);
}

nb::object checked_out(const char* op, nb::handle out, PyArrayObject* like) {
  return checked_out_shape(op, out, like, PyArray_NDIM(like), PyArray_DIMS(like));
}

void throw_dtype(const char* op, const char* name, PyArrayObject* x, std::initializer_list<const char*> accepted) {
  std::string list;
  for (const char* a : accepted) list += (list.empty() ? "" : ", ") + std::string(a);
  const std::string what = PyArray_ISBYTESWAPPED(x) ? " in non-native byte order" : "";
  throw nb::type_error((prefix(op) + name + " has dtype " + dtype_str(x) + what + "; accepted dtypes: " + list +
                        " (trueno does not convert: use .astype())")
                           .c_str());
}

void check_same_dtype(const char* op, const char* name_a, PyArrayObject* a, const char* name_b, PyArrayObject* b) {
  if (!same_dtype(a, b)) {
    throw nb::type_error((prefix(op) + name_a + " has dtype " + dtype_str(a) + " but " + name_b + " has dtype " +
                          dtype_str(b) + "; mixed dtypes are not converted (use .astype() on one of them)")
                             .c_str());
  }
}

void check_same_dtype_shape(const char* op, const char* name_a, PyArrayObject* a, const char* name_b,
                            PyArrayObject* b) {
  check_same_dtype(op, name_a, a, name_b, b);
  if (!same_shape(a, b)) {
    throw nb::value_error((prefix(op) + name_a + " has shape " + shape_str(a) + " but " + name_b + " has shape " +
                           shape_str(b) + "; the shapes must be equal (broadcasting is not supported)")
                              .c_str());
  }
}

nb::object to_scalar(float v) { return scalar_of(v, NPY_FLOAT32); }
nb::object to_scalar(double v) { return scalar_of(v, NPY_FLOAT64); }
nb::object to_scalar(std::int32_t v) { return scalar_of(v, NPY_INT32); }
nb::object to_scalar(std::int64_t v) { return scalar_of(v, NPY_INT64); }
nb::object to_scalar(std::size_t v) { return scalar_of(static_cast<npy_intp>(v), NPY_INTP); }

}  // namespace trueno::py
