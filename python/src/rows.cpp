// rows.cpp: Python bindings of the row-wise activations (softmax, log_softmax, layer_norm,
// rms_norm of trueno/activations.hpp), applied along the LAST axis of an array of any shape:
// an (..., cols) array is rows = prod(...) independent rows of cols elements (a 0-d array is
// one row of one element).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "axes.hpp"
#include "bind.hpp"
#include "trueno/activations.hpp"

namespace trueno::py {
namespace {

struct Rows {
  std::size_t rows, cols;
};

// Rows of the last k axes of a (k = 1: the last axis; a 0-d array is one row of one element).
Rows rows_of(PyArrayObject* a, int k = 1) {
  const int nd = PyArray_NDIM(a);
  if (nd == 0) return {1, 1};
  std::size_t cols = 1;
  for (int d = nd - k; d < nd; ++d) cols *= static_cast<std::size_t>(PyArray_DIM(a, d));
  return {cols == 0 ? 0 : static_cast<std::size_t>(PyArray_SIZE(a)) / cols, cols};
}

// normalized_shape= (torch.nn.functional.layer_norm): None (the last axis), an int or a tuple,
// which must be x's trailing dimensions; returns how many trailing axes it covers.
int trailing_axes(const char* op, nb::handle shape, PyArrayObject* x) {
  if (shape.is_none()) return 1;
  nb::object t = PyTuple_Check(shape.ptr()) ? nb::borrow(shape) : nb::object(nb::make_tuple(shape));
  const auto k = static_cast<int>(nb::len(t));
  bool ok = k >= 1 && k <= PyArray_NDIM(x);
  for (int i = 0; i < k && ok; ++i)
    ok = nb::cast<npy_intp>(nb::borrow<nb::tuple>(t)[static_cast<std::size_t>(i)]) ==
         PyArray_DIM(x, PyArray_NDIM(x) - k + i);
  if (!ok) {
    throw nb::value_error((prefix(op) + "normalized_shape " + nb::str(t).c_str() +
                           " is not the trailing dimensions of x's shape " + shape_str(x))
                              .c_str());
  }
  return k;
}

// The row-wise operands: x, then each parameter vector (None, or an array of x's dtype and of
// shape (cols,)). f(std::span<const T> x, Rows, std::span<const T> params..., std::span<T> out).
template <std::size_t P, class F>
nb::object row_op(const char* op, nb::handle x, const std::array<const char*, P>& pnames,
                  const std::array<nb::handle, P>& params, nb::handle out, F&& f, nb::handle normalized = nb::none()) {
  return with_operands<float, double>(op, {"x"}, {x}, [&]<class T>(Tag<T>, const std::array<nb::object, 1>& a) {
    PyArrayObject* xa = arr(a[0]);
    const int k = PyArray_NDIM(xa) == 0 ? 0 : trailing_axes(op, normalized, xa);
    const Rows r = rows_of(xa, k);
    std::array<nb::object, P> p;
    for (std::size_t i = 0; i + 1 <= P; ++i) {  // (not i < P: P may be 0)
      if (params[i].is_none()) continue;
      p[i] = as_array(op, pnames[i], params[i]);
      PyArrayObject* pa = arr(p[i]);
      if (dtype_of(pa) != Traits<T>::dtype) {
        if (dtype_of(pa) == DType::f32 || dtype_of(pa) == DType::f64) {
          throw nb::type_error((prefix(op) + "x has dtype " + Traits<T>::name + " but " + pnames[i] + " has dtype " +
                                (dtype_of(pa) == DType::f32 ? "float32" : "float64") +
                                "; mixed dtypes are not converted (use .astype() on one of them)")
                                   .c_str());
        }
        throw_dtype(op, pnames[i], pa, {Traits<T>::name});
      }
      const int pk = k > 0 ? k : 1;  // the trailing shape gamma / beta must have
      bool fits = PyArray_NDIM(pa) == pk;
      for (int d = 0; d < pk && fits; ++d)
        fits = PyArray_DIM(pa, d) == (k > 0 ? PyArray_DIM(xa, PyArray_NDIM(xa) - k + d) : 1);
      if (!fits) {
        throw nb::value_error((prefix(op) + pnames[i] + " has shape " + shape_str(pa) + " but x has shape " +
                               shape_str(xa) + "; " + pnames[i] +
                               " must have the normalized shape (the last axis of x unless normalized_shape= says)")
                                  .c_str());
      }
      p[i] = contiguous(std::move(p[i]));
    }
    nb::object res = out.is_none() ? new_array_like(xa, Traits<T>::npy, sizeof(T)) : checked_out(op, out, xa);
    const std::span<T> o = span<T>(res);
    const auto param = [&](std::size_t i) { return p[i].is_valid() ? cspan<T>(p[i]) : std::span<const T>{}; };
    run_kernel(o.size(), [&] {
      [&]<std::size_t... I>(std::index_sequence<I...>) { f(cspan<T>(a[0]), r, param(I)..., o); }
      (std::make_index_sequence<P>{});
    });
    return res;
  });
}

constexpr const char* kAxisDoc =
    "\n\nAlong axis (default -1, the last; negative from the end) of x of any shape (a 0-d array is\n"
    "one element). x: float32 or float64, any strides. Returns a new array of x's shape and dtype,\n"
    "or writes into out= (that shape and dtype, any strides, which may be x) and returns it.";

constexpr const char* kRowsDoc =
    "\n\nAlong the last axis of x (any shape: an (..., n) array is independent rows of n elements;\n"
    "a 0-d array is one row of one element). x: float32 or float64. Returns a new array of x's\n"
    "shape and dtype, or writes into out= (a C-contiguous array of that shape and dtype, which\n"
    "may be x) and returns it.";

// softmax / log_softmax along `axis` (default -1): the rows path when it is the last axis of a
// C-contiguous x (and out), else the N-d form over views (any axis, any strides).
template <class F, class G>
void def_softmax(nb::module_& m, const char* name, F f, G g, const char* doc) {
  const std::string sig =
      signature(name, std::string("x: ") + kArrayLike + ", axis: int = -1, *, " + kOutParam, kNDArray);
  m.def(
      name,
      [name, f, g](nb::handle x, std::int64_t axis, nb::handle out) {
        nb::object a = as_array(name, "x", x);
        PyArrayObject* xa = arr(a);
        const int nd = PyArray_NDIM(xa) > 0 ? PyArray_NDIM(xa) : 1;
        const Axes ax = parse_axes(name, nb::int_(axis), nd, true);
        std::size_t d = 0;
        while (!ax.has(d)) ++d;
        const bool rows = d + 1 == static_cast<std::size_t>(nd) && PyArray_IS_C_CONTIGUOUS(xa) &&
                          (out.is_none() || (PyArray_Check(out.ptr()) && PyArray_IS_C_CONTIGUOUS(arr(out))));
        if (rows || PyArray_NDIM(xa) == 0) {
          return row_op<0>(name, a, std::array<const char*, 0>{}, std::array<nb::handle, 0>{}, out,
                           [f](auto xs, Rows r, auto o) { f(xs, r.rows, r.cols, o); });
        }
        const auto strided = [&]<class T>(Tag<T>) {
          nb::object r = out.is_none() ? new_array_like(xa, Traits<T>::npy, sizeof(T))
                                       : checked_out_shape(name, out, xa, PyArray_NDIM(xa), PyArray_DIMS(xa), true);
          nb::object xr = nd_readable(a, arr(r), sizeof(T));
          const ArrayView<const T> xv = view_of<const T>(arr(xr));
          const ArrayView<T> ov = view_of<T>(arr(r));
          run_kernel(xv.size(), [&] { g(xv, d, ov); });
          return r;
        };
        if (dtype_of(xa) == DType::f32) return strided(Tag<float>{});
        if (dtype_of(xa) == DType::f64) return strided(Tag<double>{});
        throw_dtype(name, "x", xa, {"float32", "float64"});
      },
      nb::arg("x"), nb::arg("axis") = -1, nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      (std::string(doc) + kAxisDoc).c_str());
}

void def_layer_norm(nb::module_& m) {
  const std::string sig = signature(
      "layer_norm",
      std::string("x: ") + kArrayLike + ", gamma: " + kArrayLike + " | None = None, beta: " + kArrayLike +
          " | None = None, eps: float = 1e-05, *, normalized_shape: int | tuple[int, ...] | None = None, " + kOutParam,
      kNDArray);
  m.def(
      "layer_norm",
      [](nb::handle x, nb::handle gamma, nb::handle beta, double eps, nb::handle normalized, nb::handle out) {
        return row_op<2>(
            "layer_norm", x, {"gamma", "beta"}, {gamma, beta}, out,
            [eps](auto xs, Rows r, auto g, auto b, auto o) {
              using T = typename decltype(o)::value_type;
              trueno::layer_norm(xs, r.rows, r.cols, g, b, static_cast<T>(eps), o);
            },
            normalized);
      },
      nb::arg("x"), nb::arg("gamma") = nb::none(), nb::arg("beta") = nb::none(), nb::arg("eps") = 1e-5, nb::kw_only(),
      nb::arg("normalized_shape") = nb::none(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      (std::string("(x - mean) / sqrt(var + eps) * gamma + beta per row, biased variance\n"
                   "(torch.nn.functional.layer_norm(x, (n,), gamma, beta, eps)). gamma and beta: None (no\n"
                   "scale / no shift) or arrays of x's dtype and the normalized shape. normalized_shape: the\n"
                   "trailing dimensions normalized together (torch's; default: the last axis). Computed in\n"
                   "double, rounded once. ValueError unless eps > 0 and finite.") +
       kRowsDoc)
          .c_str());
}

void def_rms_norm(nb::module_& m) {
  const std::string sig = signature("rms_norm",
                                    std::string("x: ") + kArrayLike + ", gamma: " + kArrayLike +
                                        " | None = None, eps: float = 1e-06, *, normalized_shape: int | "
                                        "tuple[int, ...] | None = None, " +
                                        kOutParam,
                                    kNDArray);
  m.def(
      "rms_norm",
      [](nb::handle x, nb::handle gamma, double eps, nb::handle normalized, nb::handle out) {
        return row_op<1>(
            "rms_norm", x, {"gamma"}, {gamma}, out,
            [eps](auto xs, Rows r, auto g, auto o) {
              using T = typename decltype(o)::value_type;
              trueno::rms_norm(xs, r.rows, r.cols, g, static_cast<T>(eps), o);
            },
            normalized);
      },
      nb::arg("x"), nb::arg("gamma") = nb::none(), nb::arg("eps") = 1e-6, nb::kw_only(),
      nb::arg("normalized_shape") = nb::none(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      (std::string("x / sqrt(mean(x**2) + eps) * gamma per row (RMSNorm, torch.nn.functional.rms_norm).\n"
                   "gamma: None or an array of x's dtype and the normalized shape (normalized_shape: the trailing\n"
                   "dimensions, default the last axis). Computed in double, rounded once.\n"
                   "ValueError unless eps > 0 and finite.") +
       kRowsDoc)
          .c_str());
}

}  // namespace

void bind_rows(nb::module_& m) {
  def_softmax(
      m, "softmax", [](auto x, std::size_t r, std::size_t c, auto o) { trueno::softmax(x, r, c, o); },
      [](auto x, std::size_t axis, auto o) { trueno::softmax(x, axis, o); },
      "e**(x - max) / sum(e**(x - max)) along axis (torch.softmax(x, dim=axis)); stable for every\n"
      "finite input, -inf entries give 0, an all -inf slice gives NaN.");
  def_softmax(
      m, "log_softmax", [](auto x, std::size_t r, std::size_t c, auto o) { trueno::log_softmax(x, r, c, o); },
      [](auto x, std::size_t axis, auto o) { trueno::log_softmax(x, axis, o); },
      "x - max - log(sum(e**(x - max))) along axis (torch.log_softmax(x, dim=axis)).");
  def_layer_norm(m);
  def_rms_norm(m);
}

}  // namespace trueno::py
