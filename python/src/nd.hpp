// nd.hpp: the NumPy semantics of the element-wise ops: Python scalars (weakly typed, NEP 50),
// broadcasting, strided inputs read in place, out= of the broadcast shape with any strides, and
// results laid out like the inputs (NumPy's order='K': an op on a transpose writes a transpose,
// so both walk memory in order). The arrays reach C++ as ArrayViews (trueno/array_view.hpp):
// the semantics are the C++ API's, this layer only converts.
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <utility>

#include "array.hpp"
#include "trueno/array_view.hpp"

namespace trueno::py {

/// One element-wise argument: an array, or a Python int/float/bool (weak: it takes the arrays'
/// dtype). NumPy scalars and 0-d arrays are arrays, with their own dtype (no conversion).
struct NdArg {
  nb::object array;  // null for a Python scalar
  double value = 0;
};

NdArg nd_arg(const char* op, const char* name, nb::handle h);

/// The broadcast shape of the array arguments and out (if given); ValueError naming op and the
/// shapes when they do not broadcast. Returns ndim; dims receives the shape.
int broadcast_shape(const char* op, const char* const* names, const NdArg* args, std::size_t k, nb::handle out,
                    npy_intp (&dims)[NPY_MAXDIMS]);

/// The result array for the broadcast shape: out (checked: ndarray, dtype, shape, writeable,
/// aligned, elements a multiple of the item size apart) or a new array laid out like the first
/// argument of that very shape (order='K'), else C-ordered.
nb::object nd_result(const char* op, nb::handle out, const NdArg* args, std::size_t k, int ndim, const npy_intp* dims,
                     int npy, std::size_t itemsize);

/// a itself if its strides are whole elements and it is aligned and does not partially overlap
/// result (the very same layout is fine: in place), else a C-ordered copy (NumPy's semantics:
/// an overlapping input is read as it was before the call). result may be null (no output yet).
nb::object nd_readable(nb::object a, PyArrayObject* result, std::size_t itemsize);

/// a and result share memory but are not the very same view (NumPy's may_share_memory, by
/// extents: interleaved views count as overlapping, which costs a copy, never a wrong result).
bool overlaps(PyArrayObject* a, PyArrayObject* result);

/// The ArrayView of a NumPy array (strides converted to elements: nd_readable made them whole).
template <class T>
ArrayView<T> view_of(PyArrayObject* a) {
  std::size_t shape[kMaxDims];
  std::ptrdiff_t strides[kMaxDims];
  const int nd = PyArray_NDIM(a);
  for (int d = 0; d < nd; ++d) {
    shape[d] = static_cast<std::size_t>(PyArray_DIM(a, d));
    strides[d] = PyArray_STRIDE(a, d) / static_cast<npy_intp>(sizeof(T));
  }
  return ArrayView<T>(static_cast<T*>(PyArray_DATA(a)), shape, strides, static_cast<std::size_t>(nd));
}

/// The view path's work common to every op (nd.cpp): the dtype (the arrays', one for all; with
/// no array at all, NumPy's for the scalars), out's type, the broadcast shape, the result array,
/// and each argument readable in place (or copied). Returns the dtype; args[i].array stays null
/// for a Python scalar. accepted: the DType of each accepted element type.
DType nd_prepare(const char* op, const char* const* names, const nb::handle* args, NdArg* a, std::size_t k,
                 nb::handle out, std::initializer_list<DType> accepted, std::initializer_list<const char*> names_of,
                 nb::object& result);

/// The view path of map_nd / map_views: per op only the views and the call.
template <class... Ts, std::size_t K, class F>
nb::object map_views_of(const char* op, const char* const (&names)[K], const nb::handle (&args)[K],
                        std::array<NdArg, K>& a, nb::handle out, F& f) {
  nb::object result;
  const DType d = nd_prepare(op, names, args, a.data(), K, out, {Traits<Ts>::dtype...}, {Traits<Ts>::name...}, result);
  const auto call = [&]<class T>(Tag<T>) {
    if (d != Traits<T>::dtype) return false;
    std::array<T, K> values{};
    for (std::size_t i = 0; i < K; ++i) values[i] = static_cast<T>(a[i].value);
    const auto in = [&](std::size_t i) {
      return a[i].array.is_valid() ? view_of<const T>(arr(a[i].array)) : ArrayView<const T>(&values[i]);
    };
    const ArrayView<T> o = view_of<T>(arr(result));
    run_kernel(o.size(), [&] {
      [&]<std::size_t... I>(std::index_sequence<I...>) { f(in(I)..., o); }
      (std::make_index_sequence<K>{});
    });
    return true;
  };
  (call(Tag<Ts>{}) || ...);
  return result;
}

/// Element-wise with NumPy's semantics over views only: f(ArrayView<const T>... inputs,
/// ArrayView<T> out) (map_nd without its span path, for ops that have no span form).
template <class... Ts, std::size_t K, class F>
nb::object map_views(const char* op, const char* const (&names)[K], const nb::handle (&args)[K], nb::handle out,
                     F&& f) {
  std::array<NdArg, K> a;
  for (std::size_t i = 0; i < K; ++i) a[i] = nd_arg(op, names[i], args[i]);
  return map_views_of<Ts...>(op, names, args, a, out, f);
}

/// Element-wise with NumPy's semantics: f(ArrayView<const T>... inputs, ArrayView<T> out).
/// Arrays of one shape, C-contiguous, with out None or C-contiguous too, take map_op's path
/// (spans: the least work per call); f must accept both spans and views.
template <class... Ts, std::size_t K, class F>
nb::object map_nd(const char* op, const char* const (&names)[K], const nb::handle (&args)[K], nb::handle out, F&& f) {
  std::array<NdArg, K> a;
  bool plain = true;  // every argument an array of the first's shape, C-contiguous and aligned
  for (std::size_t i = 0; i < K; ++i) {
    a[i] = nd_arg(op, names[i], args[i]);
    if (!a[i].array.is_valid()) {
      plain = false;
      continue;
    }
    PyArrayObject* p = arr(a[i].array);
    plain = plain && PyArray_IS_C_CONTIGUOUS(p) && PyArray_ISALIGNED(p) &&
            (i == 0 || (PyArray_NDIM(p) == PyArray_NDIM(arr(a[0].array)) &&
                        PyArray_CompareLists(PyArray_DIMS(p), PyArray_DIMS(arr(a[0].array)), PyArray_NDIM(p))));
  }
  if (plain && !out.is_none()) {
    PyArrayObject* first = arr(a[0].array);
    plain = PyArray_Check(out.ptr()) && PyArray_IS_C_CONTIGUOUS(arr(out)) &&
            PyArray_NDIM(arr(out)) == PyArray_NDIM(first) &&
            PyArray_CompareLists(PyArray_DIMS(arr(out)), PyArray_DIMS(first), PyArray_NDIM(first));
    for (std::size_t i = 0; i < K && plain; ++i) plain = !overlaps(arr(a[i].array), arr(out));
  }
  if (plain) {
    nb::handle h[K];
    for (std::size_t i = 0; i < K; ++i) h[i] = a[i].array;
    return map_op<Ts...>(op, names, h, out, f);
  }
  return map_views_of<Ts...>(op, names, args, a, out, f);
}

}  // namespace trueno::py
