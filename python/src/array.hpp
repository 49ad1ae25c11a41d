// array.hpp: the NumPy side of every binding: dtype rules, zero-copy input views, result
// allocation, out= validation and the GIL policy. Op files (elementwise.cpp, ...) only name ops.
//
// Arrays are read through the NumPy C API rather than nb::ndarray: a measured float32 add of
// 100 elements costs ~170 ns this way against ~1100 ns through nb::ndarray (its import calls
// __dlpack__ and its export calls numpy.asarray), and np.add itself costs ~600 ns.
#pragma once

#include <nanobind/nanobind.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <utility>

// One NumPy API table for the whole extension, imported in module.cpp.
#define NPY_NO_DEPRECATED_API NPY_1_7_API_VERSION
#define PY_ARRAY_UNIQUE_SYMBOL trueno_py_ARRAY_API
#ifndef TRUENO_PY_IMPORT_ARRAY
#define NO_IMPORT_ARRAY
#endif
#include <numpy/arrayobject.h>

namespace trueno::py {

namespace nb = nanobind;

/// Element counts from which the GIL is released around the kernel: below it, releasing and
/// re-acquiring (~100 ns) costs more than other threads gain.
inline constexpr std::size_t kGilReleaseMin = 16384;

/// Result sizes from which trueno's allocator (2 MiB aligned, huge pages, a cache of freed
/// blocks) is used instead of NumPy's: a 10M float32 result then costs no page faults on every
/// call (9.6 ms against 16.6 ms for an add measured here). Below it NumPy's allocator is
/// cheaper (no capsule to create: ~170 ns against ~300 ns per call at 100 elements).
inline constexpr std::size_t kTruenoAllocMinBytes = std::size_t{1} << 20;

enum class DType { f32, f64, i32, i64, other };

template <class T>
struct Tag {
  using type = T;
};

template <class T>
struct Traits;
template <>
struct Traits<float> {
  static constexpr DType dtype = DType::f32;
  static constexpr int npy = NPY_FLOAT32;
  static constexpr const char* name = "float32";
};
template <>
struct Traits<double> {
  static constexpr DType dtype = DType::f64;
  static constexpr int npy = NPY_FLOAT64;
  static constexpr const char* name = "float64";
};
template <>
struct Traits<std::int32_t> {
  static constexpr DType dtype = DType::i32;
  static constexpr int npy = NPY_INT32;
  static constexpr const char* name = "int32";
};
template <>
struct Traits<std::int64_t> {
  static constexpr DType dtype = DType::i64;
  static constexpr int npy = NPY_INT64;
  static constexpr const char* name = "int64";
};

inline PyArrayObject* arr(nb::handle h) { return reinterpret_cast<PyArrayObject*>(h.ptr()); }

/// The element type of a, by kind and size in native byte order (so int64 and longlong agree).
inline DType dtype_of(PyArrayObject* a) {
  if (PyArray_ISBYTESWAPPED(a)) return DType::other;
  const char kind = PyArray_DESCR(a)->kind;
  const npy_intp size = PyArray_ITEMSIZE(a);
  if (kind == 'f') return size == 4 ? DType::f32 : size == 8 ? DType::f64 : DType::other;
  if (kind == 'i') return size == 4 ? DType::i32 : size == 8 ? DType::i64 : DType::other;
  return DType::other;
}

/// TypeError naming op, the argument and its type when h is an array-like that must not be
/// converted silently: a Dask collection (it would be computed in full), an object overriding
/// NumPy's functions (__array_function__ / __array_ufunc__: CuPy, xarray, pint...: its type
/// would be lost), a numpy.ma.MaskedArray (its mask would be dropped).
void check_not_duck(const char* op, const char* name, nb::handle h);

/// numpy.asarray(h) for argument `name` of op: the array itself (no copy) or a new array from a
/// scalar or sequence; check_not_duck first.
nb::object as_array(const char* op, const char* name, nb::handle h);

/// a if it is C-contiguous and aligned, else a C-contiguous copy (documented behaviour).
nb::object contiguous(nb::object a);

/// A new C-ordered array of a's shape with element type npy (NumPy's or trueno's allocator).
nb::object new_array_like(PyArrayObject* a, int npy, std::size_t itemsize);

/// A new C-ordered array of the given shape (NumPy's allocator below 1 MiB, trueno's above).
nb::object new_array(int ndim, const npy_intp* dims, int npy, std::size_t itemsize);

/// As checked_out, for a result of the given shape and of `like`'s dtype (matrix ops, whose
/// result shape is not an input's); any_layout: any strides, not only C-contiguous.
nb::object checked_out_shape(const char* op, nb::handle out, PyArrayObject* like, int ndim, const npy_intp* dims,
                             bool any_layout = false);

/// TypeError unless out is an ndarray (not a duck array) of like's dtype.
void check_out_type(const char* op, nb::handle out, PyArrayObject* like);

/// "trueno.<op>: ", the start of every error message.
inline std::string prefix(const char* op) { return std::string("trueno.") + op + ": "; }

/// "(2, 3)": a shape as NumPy prints it, of an array or from its dimensions.
std::string shape_str(PyArrayObject* a);
std::string dims_str(int ndim, const npy_intp* dims);

/// out if it can receive the result for `like` (ndarray, same dtype and shape, C-contiguous,
/// aligned, writeable), else TypeError (type, dtype) or ValueError (shape, layout, read-only).
nb::object checked_out(const char* op, nb::handle out, PyArrayObject* like);

/// Raises TypeError: x's dtype is not one of `accepted`.
[[noreturn]] void throw_dtype(const char* op, const char* name, PyArrayObject* x,
                              std::initializer_list<const char*> accepted);
/// Raises TypeError unless b has a's dtype (mixed dtypes are never converted).
void check_same_dtype(const char* op, const char* name_a, PyArrayObject* a, const char* name_b, PyArrayObject* b);
/// Raises TypeError (dtypes differ) or ValueError (shapes differ) unless b matches a.
void check_same_dtype_shape(const char* op, const char* name_a, PyArrayObject* a, const char* name_b, PyArrayObject* b);

template <class T>
std::span<const T> cspan(nb::handle a) {
  return {static_cast<const T*>(PyArray_DATA(arr(a))), static_cast<std::size_t>(PyArray_SIZE(arr(a)))};
}
template <class T>
std::span<T> span(nb::handle a) {
  return {static_cast<T*>(PyArray_DATA(arr(a))), static_cast<std::size_t>(PyArray_SIZE(arr(a)))};
}

/// Runs f() with the GIL released when the work is long enough to be worth it.
template <class F>
decltype(auto) run_kernel(std::size_t n, F&& f) {
  if (n < kGilReleaseMin) return f();
  nb::gil_scoped_release release;
  return f();
}

/// NumPy scalar of the C++ result's type (np.float32, np.float64, np.int32, np.int64; size_t
/// indices become np.intp like numpy.argmax's).
nb::object to_scalar(float v);
nb::object to_scalar(double v);
nb::object to_scalar(std::int32_t v);
nb::object to_scalar(std::int64_t v);
nb::object to_scalar(std::size_t v);

/// The operands of one call: numpy.asarray of each argument, one dtype among Ts for all, equal
/// shapes; then body(Tag<T>{}, arrays) with every array C-contiguous and aligned.
template <class... Ts, std::size_t K, class Body>
nb::object with_operands(const char* op, const char* const (&names)[K], const nb::handle (&args)[K], Body&& body) {
  std::array<nb::object, K> a;
  for (std::size_t i = 0; i < K; ++i) a[i] = as_array(op, names[i], args[i]);
  PyArrayObject* first = arr(a[0]);
  for (std::size_t i = 1; i < K; ++i) check_same_dtype_shape(op, names[0], first, names[i], arr(a[i]));
  const DType d = dtype_of(first);
  nb::object result;
  const auto attempt = [&]<class T>(Tag<T> tag) {
    if (d != Traits<T>::dtype) return false;
    for (auto& x : a) x = contiguous(std::move(x));
    result = body(tag, a);
    return true;
  };
  if (!(attempt(Tag<Ts>{}) || ...)) throw_dtype(op, names[0], first, {Traits<Ts>::name...});
  return result;
}

/// Element-wise: f(std::span<const T>... inputs, std::span<T> out) into a new array of the
/// inputs' shape, or into `out` (which may be one of the inputs).
template <class... Ts, std::size_t K, class F>
nb::object map_op(const char* op, const char* const (&names)[K], const nb::handle (&args)[K], nb::handle out, F&& f) {
  return with_operands<Ts...>(op, names, args, [&]<class T>(Tag<T>, const std::array<nb::object, K>& a) {
    nb::object r =
        out.is_none() ? new_array_like(arr(a[0]), Traits<T>::npy, sizeof(T)) : checked_out(op, out, arr(a[0]));
    const std::span<T> o = span<T>(r);
    run_kernel(o.size(), [&] {
      [&]<std::size_t... I>(std::index_sequence<I...>) { f(cspan<T>(a[I])..., o); }
      (std::make_index_sequence<K>{});
    });
    return r;
  });
}

/// Whole-array reduction: to_scalar(f(std::span<const T>... inputs)).
template <class... Ts, std::size_t K, class F>
nb::object reduce_op(const char* op, const char* const (&names)[K], const nb::handle (&args)[K], F&& f) {
  return with_operands<Ts...>(op, names, args, [&]<class T>(Tag<T>, const std::array<nb::object, K>& a) {
    const std::size_t n = static_cast<std::size_t>(PyArray_SIZE(arr(a[0])));
    return to_scalar(run_kernel(n, [&] {
      return [&]<std::size_t... I>(std::index_sequence<I...>) { return f(cspan<T>(a[I])...); }
      (std::make_index_sequence<K>{});
    }));
  });
}

}  // namespace trueno::py
