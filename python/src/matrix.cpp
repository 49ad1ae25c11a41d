// matrix.cpp: Python bindings of the matrix operations (trueno/linalg.hpp): matmul (2-D, N-D
// batches, 1-D operands as numpy.matmul), transpose, matvec, vecmat, convolve2d and
// symmetric_eigen. Results are allocated as NumPy arrays and filled by the C++ out= forms, so
// a call allocates only its result (symmetric_eigen: its two results, see below).
#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "bind.hpp"
#include "trueno/linalg.hpp"

namespace trueno::py {
namespace {

std::size_t dim(PyArrayObject* a, int i) { return static_cast<std::size_t>(PyArray_DIM(a, i)); }

template <class T>
ConstMatrixView<T> cview(nb::handle a, std::size_t rows, std::size_t cols) {
  return {static_cast<const T*>(PyArray_DATA(arr(a))), rows, cols};
}
template <class T>
MatrixView<T> view(nb::handle a, std::size_t rows, std::size_t cols) {
  return {static_cast<T*>(PyArray_DATA(arr(a))), rows, cols};
}

// numpy.asarray of two operands of one float dtype (TypeError otherwise); body(Tag<T>, a, b)
// with both C-contiguous unless keep_f says an operand may stay F-contiguous (a transposed
// view read in place).
template <class Body>
nb::object two_operands(const char* op, const char* na, nb::handle a_in, const char* nb_, nb::handle b_in,
                        Body&& body) {
  nb::object a = as_array(op, na, a_in), b = as_array(op, nb_, b_in);
  const DType da = dtype_of(arr(a)), db = dtype_of(arr(b));
  if (da != DType::f32 && da != DType::f64) throw_dtype(op, na, arr(a), {"float32", "float64"});
  if (db != DType::f32 && db != DType::f64) throw_dtype(op, nb_, arr(b), {"float32", "float64"});
  if (da != db) {
    throw nb::type_error((prefix(op) + na + " has dtype " + (da == DType::f32 ? "float32" : "float64") + " but " + nb_ +
                          " has dtype " + (db == DType::f32 ? "float32" : "float64") +
                          "; mixed dtypes are not converted (use .astype() on one of them)")
                             .c_str());
  }
  if (da == DType::f32) return body(Tag<float>{}, std::move(a), std::move(b));
  return body(Tag<double>{}, std::move(a), std::move(b));
}

[[noreturn]] void shape_error(const char* op, const char* na, PyArrayObject* a, const char* nb_, PyArrayObject* b,
                              const std::string& why) {
  throw nb::value_error(
      (prefix(op) + na + " has shape " + shape_str(a) + " and " + nb_ + " has shape " + shape_str(b) + "; " + why)
          .c_str());
}

nb::object result(const char* op, nb::handle out, PyArrayObject* like, int npy, std::size_t itemsize,
                  const std::vector<npy_intp>& dims) {
  const int nd = static_cast<int>(dims.size());
  return out.is_none() ? new_array(nd, dims.data(), npy, itemsize) : checked_out_shape(op, out, like, nd, dims.data());
}

// A 2-D array read in place when it is C-contiguous, or F-contiguous (a.T of a C array): then
// it is its transpose's storage, read with Transpose::yes. Other layouts are copied.
template <class T>
std::pair<ConstMatrixView<T>, Transpose> operand_2d(nb::object& a) {
  PyArrayObject* p = arr(a);
  const std::size_t r = dim(p, 0), c = dim(p, 1);
  if (!PyArray_IS_C_CONTIGUOUS(p) && PyArray_IS_F_CONTIGUOUS(p) && PyArray_ISALIGNED(p)) {
    return {cview<T>(a, c, r), Transpose::yes};
  }
  a = contiguous(std::move(a));
  return {cview<T>(a, r, c), Transpose::no};
}

nb::object matmul(nb::handle a_in, nb::handle b_in, nb::handle out) {
  constexpr const char* op = "matmul";
  return two_operands(op, "a", a_in, "b", b_in, [&]<class T>(Tag<T>, nb::object a, nb::object b) -> nb::object {
    PyArrayObject *pa = arr(a), *pb = arr(b);
    const int na = PyArray_NDIM(pa), nbd = PyArray_NDIM(pb);
    if (na == 0 || nbd == 0) shape_error(op, "a", pa, "b", pb, "0-d operands are not matrices (use scale or mul)");
    const std::size_t k = dim(pa, na - 1);
    const std::size_t kb = nbd == 1 ? dim(pb, 0) : dim(pb, nbd - 2);
    if (k != kb) {
      shape_error(op, "a", pa, "b", pb,
                  "the inner dimensions differ (" + std::to_string(k) + " != " + std::to_string(kb) + ")");
    }
    std::vector<npy_intp> dims;
    if (nbd == 1) {  // (..., m, k) @ (k,) -> (..., m); (k,) @ (k,) -> ()
      for (int i = 0; i + 1 < na; ++i) dims.push_back(PyArray_DIM(pa, i));
      a = contiguous(std::move(a));
      b = contiguous(std::move(b));
      std::size_t m = 1;
      for (npy_intp d : dims) m *= static_cast<std::size_t>(d);
      nb::object r = result(op, out, arr(a), Traits<T>::npy, sizeof(T), dims);
      run_kernel(m * k, [&] { trueno::matvec(cview<T>(a, m, k), cspan<T>(b), span<T>(r)); });
      if (na == 1 && out.is_none())
        return nb::steal(PyArray_Return(reinterpret_cast<PyArrayObject*>(r.release().ptr())));
      return r;
    }
    const std::size_t n = dim(pb, nbd - 1);
    if (na == 1) {  // (k,) @ (k, n) -> (n,)
      if (nbd != 2) shape_error(op, "a", pa, "b", pb, "a 1-D a needs a 2-D b (batch broadcasting is not supported)");
      a = contiguous(std::move(a));
      b = contiguous(std::move(b));
      nb::object r = result(op, out, arr(a), Traits<T>::npy, sizeof(T), {static_cast<npy_intp>(n)});
      run_kernel(k * n, [&] { trueno::vecmat(cspan<T>(a), cview<T>(b, k, n), span<T>(r)); });
      return r;
    }
    const std::size_t m = dim(pa, na - 2);
    for (int i = 0; i + 2 < na; ++i) dims.push_back(PyArray_DIM(pa, i));
    if (na == 2 && nbd == 2) {
      nb::object r = result(op, out, pa, Traits<T>::npy, sizeof(T), {PyArray_DIM(pa, 0), PyArray_DIM(pb, 1)});
      // Pairs, not structured bindings: a lambda may not capture those before clang 16.
      const auto ao = operand_2d<T>(a), bo = operand_2d<T>(b);
      run_kernel(m * n * (k ? k : 1),
                 [&] { trueno::matmul(ao.first, bo.first, view<T>(r, m, n), ao.second, bo.second); });
      return r;
    }
    dims.push_back(static_cast<npy_intp>(m));
    dims.push_back(static_cast<npy_intp>(n));
    a = contiguous(std::move(a));
    b = contiguous(std::move(b));
    pa = arr(a);
    std::size_t batch = 1;
    for (int i = 0; i + 2 < na; ++i) batch *= dim(pa, i);
    nb::object r = result(op, out, pa, Traits<T>::npy, sizeof(T), dims);
    if (nbd == 2) {  // stacked rows: (batch * m) x k @ k x n
      run_kernel(batch * m * n * (k ? k : 1),
                 [&] { trueno::matmul(cview<T>(a, batch * m, k), cview<T>(b, k, n), view<T>(r, batch * m, n)); });
      return r;
    }
    bool same_batch = na == nbd;
    for (int i = 0; same_batch && i + 2 < na; ++i) same_batch = PyArray_DIM(pa, i) == PyArray_DIM(pb, i);
    if (!same_batch) {
      shape_error(op, "a", pa, "b", pb,
                  "the batch dimensions must be equal (broadcasting of batch dimensions is not supported)");
    }
    run_kernel(batch * m * n * (k ? k : 1),
               [&] { trueno::batched_matmul(cspan<T>(a), cspan<T>(b), span<T>(r), batch, m, k, n); });
    return r;
  });
}

void require_ndim(const char* op, const char* name, PyArrayObject* a, int nd) {
  if (PyArray_NDIM(a) != nd) {
    throw nb::value_error(
        (prefix(op) + name + " must be " + std::to_string(nd) + "-D, but has shape " + shape_str(a)).c_str());
  }
}

nb::object transpose(nb::handle a_in, nb::handle out) {
  constexpr const char* op = "transpose";
  return with_operands<float, double>(op, {"a"}, {a_in}, [&]<class T>(Tag<T>, const std::array<nb::object, 1>& a) {
    PyArrayObject* p = arr(a[0]);
    require_ndim(op, "a", p, 2);
    const std::size_t r = dim(p, 0), c = dim(p, 1);
    nb::object res = result(op, out, p, Traits<T>::npy, sizeof(T), {PyArray_DIM(p, 1), PyArray_DIM(p, 0)});
    run_kernel(r * c, [&] { trueno::transpose(cview<T>(a[0], r, c), view<T>(res, c, r)); });
    return res;
  });
}

nb::object matvec(nb::handle a_in, nb::handle x_in, nb::handle out) {
  constexpr const char* op = "matvec";
  return two_operands(op, "A", a_in, "x", x_in, [&]<class T>(Tag<T>, nb::object a, nb::object x) {
    PyArrayObject *pa = arr(a), *px = arr(x);
    if (PyArray_NDIM(pa) != 2 || PyArray_NDIM(px) != 1 || dim(pa, 1) != dim(px, 0)) {
      shape_error(op, "A", pa, "x", px, "A must be (m, n) and x (n,)");
    }
    const std::size_t m = dim(pa, 0), n = dim(pa, 1);
    a = contiguous(std::move(a));
    x = contiguous(std::move(x));
    pa = arr(a);
    nb::object r = result(op, out, pa, Traits<T>::npy, sizeof(T), {PyArray_DIM(pa, 0)});
    run_kernel(m * n, [&] { trueno::matvec(cview<T>(a, m, n), cspan<T>(x), span<T>(r)); });
    return r;
  });
}

nb::object vecmat(nb::handle x_in, nb::handle a_in, nb::handle out) {
  constexpr const char* op = "vecmat";
  return two_operands(op, "x", x_in, "A", a_in, [&]<class T>(Tag<T>, nb::object x, nb::object a) {
    PyArrayObject *pa = arr(a), *px = arr(x);
    if (PyArray_NDIM(pa) != 2 || PyArray_NDIM(px) != 1 || dim(pa, 0) != dim(px, 0)) {
      shape_error(op, "x", px, "A", pa, "x must be (m,) and A (m, n)");
    }
    const std::size_t m = dim(pa, 0), n = dim(pa, 1);
    a = contiguous(std::move(a));
    x = contiguous(std::move(x));
    pa = arr(a);
    nb::object r = result(op, out, pa, Traits<T>::npy, sizeof(T), {PyArray_DIM(pa, 1)});
    run_kernel(m * n, [&] { trueno::vecmat(cspan<T>(x), cview<T>(a, m, n), span<T>(r)); });
    return r;
  });
}

nb::object convolve2d(nb::handle image_in, nb::handle kernel_in, nb::handle out) {
  constexpr const char* op = "convolve2d";
  return two_operands(op, "image", image_in, "kernel", kernel_in, [&]<class T>(Tag<T>, nb::object im, nb::object k) {
    PyArrayObject *pi = arr(im), *pk = arr(k);
    if (PyArray_NDIM(pi) != 2 || PyArray_NDIM(pk) != 2) shape_error(op, "image", pi, "kernel", pk, "both must be 2-D");
    const std::size_t h = dim(pi, 0), w = dim(pi, 1), kh = dim(pk, 0), kw = dim(pk, 1);
    if (kh == 0 || kw == 0 || kh > h || kw > w) {
      shape_error(op, "image", pi, "kernel", pk, "the kernel must be non-empty and fit in the image (valid mode)");
    }
    im = contiguous(std::move(im));
    k = contiguous(std::move(k));
    pi = arr(im);
    const std::size_t oh = h - kh + 1, ow = w - kw + 1;
    nb::object r =
        result(op, out, pi, Traits<T>::npy, sizeof(T), {static_cast<npy_intp>(oh), static_cast<npy_intp>(ow)});
    run_kernel(oh * ow * kh * kw,
               [&] { trueno::convolve2d(cview<T>(im, h, w), cview<T>(k, kh, kw), view<T>(r, oh, ow)); });
    return r;
  });
}

// The C++ op has only an allocating form (a struct of a Vector and a Matrix); their contents
// are copied into the two NumPy results (O(n^2) against the O(n^3) decomposition).
nb::object symmetric_eigen(nb::handle a_in) {
  constexpr const char* op = "symmetric_eigen";
  return with_operands<float, double>(op, {"A"}, {a_in}, [&]<class T>(Tag<T>, const std::array<nb::object, 1>& a) {
    PyArrayObject* p = arr(a[0]);
    require_ndim(op, "A", p, 2);
    if (dim(p, 0) != dim(p, 1)) {
      throw nb::value_error((prefix(op) + "A must be square, but has shape " + shape_str(p)).c_str());
    }
    const std::size_t n = dim(p, 0);
    SymmetricEigen<T> e = run_kernel(n * n * 64, [&] { return trueno::symmetric_eigen(cview<T>(a[0], n, n)); });
    nb::object values = new_array(1, PyArray_DIMS(p), Traits<T>::npy, sizeof(T));
    nb::object vectors = new_array(2, PyArray_DIMS(p), Traits<T>::npy, sizeof(T));
    std::copy(e.values.data(), e.values.data() + n, span<T>(values).data());
    std::copy(e.vectors.data(), e.vectors.data() + n * n, span<T>(vectors).data());
    return nb::object(nb::make_tuple(values, vectors));
  });
}

}  // namespace

void bind_matrix(nb::module_& m) {
  const std::string mat = std::string("a: ") + kArrayLike + ", b: " + kArrayLike + ", *, " + kOutParam;
  m.def("matmul", &matmul, nb::arg("a"), nb::arg("b"), nb::kw_only(), nb::arg("out") = nb::none(),
        nb::sig(signature("matmul", mat, kNDArray).c_str()),
        "Matrix product a @ b (numpy.matmul), float32 or float64 of one dtype.\n\n"
        "2-D: (m, k) @ (k, n) -> (m, n); F-contiguous operands (a.T) are read in place. N-D: leading\n"
        "batch dimensions, which must be equal in a and b, or b 2-D (applied to every matrix of a);\n"
        "broadcasting other batch shapes is a ValueError. 1-D operands as numpy.matmul: (k,) @ (k, n)\n"
        "-> (n,), (..., m, k) @ (k,) -> (..., m), (k,) @ (k,) -> a scalar; a 1-D a with an N-D b is a\n"
        "ValueError. out=: a C-contiguous array of the result's shape and dtype, not overlapping a or\n"
        "b. ValueError when the inner dimensions differ.");
  m.def("transpose", &transpose, nb::arg("a"), nb::kw_only(), nb::arg("out") = nb::none(),
        nb::sig(signature("transpose", std::string("a: ") + kArrayLike + ", *, " + kOutParam, kNDArray).c_str()),
        "A new C-contiguous a.T of a 2-D float32/float64 array (numpy.ascontiguousarray(a.T)), exact.\n"
        "out=: a C-contiguous (n, m) array of a's dtype, not overlapping a.");
  m.def("matvec", &matvec, nb::arg("A"), nb::arg("x"), nb::kw_only(), nb::arg("out") = nb::none(),
        nb::sig(
            signature("matvec", std::string("A: ") + kArrayLike + ", x: " + kArrayLike + ", *, " + kOutParam, kNDArray)
                .c_str()),
        "A @ x for A (m, n) and x (n,): (m,) (numpy.matmul). float32/float64 of one dtype; out=.");
  m.def("vecmat", &vecmat, nb::arg("x"), nb::arg("A"), nb::kw_only(), nb::arg("out") = nb::none(),
        nb::sig(
            signature("vecmat", std::string("x: ") + kArrayLike + ", A: " + kArrayLike + ", *, " + kOutParam, kNDArray)
                .c_str()),
        "x @ A for x (m,) and A (m, n): (n,) (numpy.matmul). float32/float64 of one dtype; out=.");
  m.def(
      "convolve2d", &convolve2d, nb::arg("image"), nb::arg("kernel"), nb::kw_only(), nb::arg("out") = nb::none(),
      nb::sig(signature("convolve2d",
                        std::string("image: ") + kArrayLike + ", kernel: " + kArrayLike + ", *, " + kOutParam, kNDArray)
                  .c_str()),
      "2-D convolution, valid mode, kernel flipped (scipy.signal.convolve2d(image, kernel, 'valid')):\n"
      "(H - kh + 1, W - kw + 1). float32/float64 of one dtype; out=. ValueError if the kernel is empty\n"
      "or larger than the image.");
  m.def("symmetric_eigen", &symmetric_eigen, nb::arg("A"),
        nb::sig(signature("symmetric_eigen", std::string("A: ") + kArrayLike,
                          "tuple[numpy.typing.NDArray[typing.Any], numpy.typing.NDArray[typing.Any]]")
                    .c_str()),
        "(eigenvalues, eigenvectors) of a symmetric (n, n) float32/float64 matrix, like\n"
        "numpy.linalg.eigh but with the eigenvalues in DESCENDING order; column j of eigenvectors is\n"
        "the unit eigenvector of eigenvalues[j]. Computed in double precision. ValueError if A is not\n"
        "square, is empty, has a NaN or infinity, or is not symmetric within sqrt(eps) * max|A|.");
}

}  // namespace trueno::py
