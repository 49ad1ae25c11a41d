// nd.cpp: the non-template half of nd.hpp: Python scalars, broadcast shapes, the result's
// layout and the operands' readability (whole-element strides, alignment, overlap with out).
#include "nd.hpp"

#include <algorithm>
#include <string>

namespace trueno::py {
namespace {

// The lowest and one past the highest byte an array touches.
std::pair<const char*, const char*> byte_extent(PyArrayObject* a) {
  const char* p = PyArray_BYTES(a);
  if (PyArray_SIZE(a) == 0) return {p, p};
  npy_intp lo = 0, hi = 0;
  for (int d = 0; d < PyArray_NDIM(a); ++d) {
    const npy_intp span = (PyArray_DIM(a, d) - 1) * PyArray_STRIDE(a, d);
    (span < 0 ? lo : hi) += span;
  }
  return {p + lo, p + hi + PyArray_ITEMSIZE(a)};
}

// The very same elements as result, in the same places: a is result, broadcast nowhere.
bool same_layout(PyArrayObject* a, PyArrayObject* result) {
  if (PyArray_DATA(a) != PyArray_DATA(result) || PyArray_NDIM(a) != PyArray_NDIM(result)) return false;
  for (int d = 0; d < PyArray_NDIM(a); ++d)
    if (PyArray_DIM(a, d) != PyArray_DIM(result, d) ||
        (PyArray_DIM(a, d) > 1 && PyArray_STRIDE(a, d) != PyArray_STRIDE(result, d)))
      return false;
  return true;
}

}  // namespace

NdArg nd_arg(const char* op, const char* name, nb::handle h) {
  PyObject* o = h.ptr();
  // Exact types: numpy.float64 subclasses float but is a NumPy scalar (strongly typed).
  if (PyFloat_CheckExact(o)) return {nb::object(), PyFloat_AS_DOUBLE(o)};
  if (PyLong_CheckExact(o) || PyBool_Check(o)) {
    const double v = PyLong_AsDouble(o);
    if (v == -1.0 && PyErr_Occurred()) nb::raise_python_error();
    return {nb::object(), v};
  }
  return {as_array(op, name, h), 0};
}

int broadcast_shape(const char* op, const char* const* names, const NdArg* args, std::size_t k, nb::handle out,
                    npy_intp (&dims)[NPY_MAXDIMS]) {
  int nd = 0;
  const auto join = [&](const char* name, PyArrayObject* a) {
    const int an = PyArray_NDIM(a);
    if (an > static_cast<int>(kMaxDims)) {
      throw nb::value_error((prefix(op) + name + " has " + std::to_string(an) + " dimensions; at most " +
                             std::to_string(kMaxDims) + " are supported")
                                .c_str());
    }
    const int m = std::max(nd, an);
    npy_intp merged[NPY_MAXDIMS];
    for (int i = 0; i < m; ++i) {
      const npy_intp x = i < m - nd ? 1 : dims[i - (m - nd)];
      const npy_intp y = i < m - an ? 1 : PyArray_DIM(a, i - (m - an));
      if (x != y && x != 1 && y != 1) {
        std::string which;
        for (std::size_t j = 0; j < k; ++j)
          if (args[j].array.is_valid())
            which += (which.empty() ? "" : ", ") + std::string(names[j]) + " " + shape_str(arr(args[j].array));
        if (out.is_valid() && !out.is_none() && PyArray_Check(out.ptr())) which += ", out " + shape_str(arr(out));
        throw nb::value_error(
            (prefix(op) + "the shapes do not broadcast together: " + which + " (NumPy's broadcasting rules)").c_str());
      }
      merged[i] = x == 1 ? y : x;
    }
    std::copy(merged, merged + m, dims);
    nd = m;
  };
  for (std::size_t i = 0; i < k; ++i)
    if (args[i].array.is_valid()) join(names[i], arr(args[i].array));
  if (!out.is_none() && PyArray_Check(out.ptr())) {
    // The inputs broadcast to out's shape (NumPy's rule), never out to theirs.
    PyArrayObject* o = arr(out);
    const int on = PyArray_NDIM(o);
    bool fits = on >= nd;
    for (int i = 0; i < nd && fits; ++i) {
      const npy_intp r = dims[i], d = PyArray_DIM(o, on - nd + i);
      fits = r == d || r == 1;
    }
    if (!fits) {
      throw nb::value_error(
          (prefix(op) + "out has shape " + shape_str(o) + " but the result has shape " + dims_str(nd, dims)).c_str());
    }
    std::copy(PyArray_DIMS(o), PyArray_DIMS(o) + on, dims);
    nd = on;
  }
  return nd;
}

nb::object nd_result(const char* op, nb::handle out, const NdArg* args, std::size_t k, int ndim, const npy_intp* dims,
                     int npy, std::size_t itemsize) {
  if (!out.is_none()) {
    PyArrayObject* like = nullptr;
    for (std::size_t i = 0; i < k && like == nullptr; ++i)
      if (args[i].array.is_valid()) like = arr(args[i].array);
    nb::object o = checked_out_shape(op, out, like, ndim, dims, /*any_layout=*/true);
    for (int d = 0; d < ndim; ++d) {
      if (PyArray_STRIDE(arr(o), d) % static_cast<npy_intp>(itemsize) != 0)
        throw nb::value_error((prefix(op) + "out's strides are not whole elements").c_str());
    }
    return o;
  }
  // order='K': the first argument of the result's very shape lends its dimension order.
  PyArrayObject* like = nullptr;
  for (std::size_t i = 0; i < k && like == nullptr; ++i) {
    PyArrayObject* a = args[i].array.is_valid() ? arr(args[i].array) : nullptr;
    if (a != nullptr && PyArray_NDIM(a) == ndim &&
        PyArray_CompareLists(PyArray_DIMS(a), const_cast<npy_intp*>(dims), ndim))
      like = a;
  }
  int perm[NPY_MAXDIMS];
  for (int d = 0; d < ndim; ++d) perm[d] = d;
  if (like != nullptr && !PyArray_IS_C_CONTIGUOUS(like)) {
    const auto mag = [&](int d) {
      const npy_intp s = PyArray_STRIDE(like, d);
      return s < 0 ? -s : s;
    };
    std::stable_sort(perm, perm + ndim, [&](int x, int y) { return mag(x) > mag(y); });
  }
  bool identity = true;
  for (int d = 0; d < ndim; ++d) identity = identity && perm[d] == d;
  if (identity) return new_array(ndim, dims, npy, itemsize);
  npy_intp pdims[NPY_MAXDIMS];
  for (int d = 0; d < ndim; ++d) pdims[d] = dims[perm[d]];
  nb::object base = new_array(ndim, pdims, npy, itemsize);
  // The view of base in the result's dimension order: result dimension perm[d] is base's d.
  int inverse[NPY_MAXDIMS];
  for (int d = 0; d < ndim; ++d) inverse[perm[d]] = d;
  npy_intp axes[NPY_MAXDIMS];
  for (int d = 0; d < ndim; ++d) axes[d] = inverse[d];
  PyArray_Dims order{axes, ndim};
  PyObject* v = PyArray_Transpose(arr(base), &order);
  if (v == nullptr) nb::raise_python_error();
  return nb::steal(v);
}

bool overlaps(PyArrayObject* a, PyArrayObject* result) {
  if (same_layout(a, result) || PyArray_SIZE(a) == 0 || PyArray_SIZE(result) == 0) return false;
  const auto x = byte_extent(a), y = byte_extent(result);
  return x.first < y.second && y.first < x.second;
}

nb::object nd_readable(nb::object a, PyArrayObject* result, std::size_t itemsize) {
  PyArrayObject* p = arr(a);
  bool ok = PyArray_ISALIGNED(p);
  for (int d = 0; d < PyArray_NDIM(p) && ok; ++d) ok = PyArray_STRIDE(p, d) % static_cast<npy_intp>(itemsize) == 0;
  if (ok && (result == nullptr || !overlaps(p, result))) return a;
  PyObject* c = PyArray_NewCopy(p, NPY_CORDER);
  if (c == nullptr) nb::raise_python_error();
  return nb::steal(c);
}

DType nd_prepare(const char* op, const char* const* names, const nb::handle* args, NdArg* a, std::size_t k,
                 nb::handle out, std::initializer_list<DType> accepted, std::initializer_list<const char*> names_of,
                 nb::object& result) {
  PyArrayObject* typed = nullptr;
  const char* typed_name = names[0];
  for (std::size_t i = 0; i < k; ++i) {
    if (!a[i].array.is_valid()) continue;
    if (typed == nullptr) {
      typed = arr(a[i].array);
      typed_name = names[i];
    } else {
      check_same_dtype(op, typed_name, typed, names[i], arr(a[i].array));
    }
  }
  if (typed == nullptr) {
    for (std::size_t i = 0; i < k; ++i) a[i].array = as_array(op, names[i], args[i]);
    typed = arr(a[0].array);
  }
  const DType d = dtype_of(typed);
  if (std::find(accepted.begin(), accepted.end(), d) == accepted.end()) throw_dtype(op, typed_name, typed, names_of);
  if (!out.is_none()) check_out_type(op, out, typed);
  npy_intp dims[NPY_MAXDIMS];
  const int nd = broadcast_shape(op, names, a, k, out, dims);
  const std::size_t itemsize = static_cast<std::size_t>(PyArray_ITEMSIZE(typed));
  result = nd_result(op, out, a, k, nd, dims, PyArray_DESCR(typed)->type_num, itemsize);
  for (std::size_t i = 0; i < k; ++i)
    if (a[i].array.is_valid()) a[i].array = nd_readable(std::move(a[i].array), arr(result), itemsize);
  return d;
}

}  // namespace trueno::py
