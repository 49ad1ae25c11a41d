// rows.cpp: Python bindings of the row-wise activations (softmax, log_softmax, layer_norm,
// rms_norm of trueno/activations.hpp), applied along the LAST axis of an array of any shape:
// an (..., cols) array is rows = prod(...) independent rows of cols elements (a 0-d array is
// one row of one element).
#include <array>
#include <cstddef>
#include <string>

#include "bind.hpp"
#include "trueno/activations.hpp"

namespace trueno::py {
namespace {

struct Rows {
  std::size_t rows, cols;
};

Rows rows_of(PyArrayObject* a) {
  const int nd = PyArray_NDIM(a);
  if (nd == 0) return {1, 1};
  const auto cols = static_cast<std::size_t>(PyArray_DIM(a, nd - 1));
  return {cols == 0 ? 0 : static_cast<std::size_t>(PyArray_SIZE(a)) / cols, cols};
}

// The row-wise operands: x, then each parameter vector (None, or an array of x's dtype and of
// shape (cols,)). f(std::span<const T> x, Rows, std::span<const T> params..., std::span<T> out).
template <std::size_t P, class F>
nb::object row_op(const char* op, nb::handle x, const std::array<const char*, P>& pnames,
                  const std::array<nb::handle, P>& params, nb::handle out, F&& f) {
  return with_operands<float, double>(op, {"x"}, {x}, [&]<class T>(Tag<T>, const std::array<nb::object, 1>& a) {
    PyArrayObject* xa = arr(a[0]);
    const Rows r = rows_of(xa);
    std::array<nb::object, P> p;
    for (std::size_t i = 0; i + 1 <= P; ++i) {  // (not i < P: P may be 0)
      if (params[i].is_none()) continue;
      p[i] = as_array(op, pnames[i], params[i]);
      PyArrayObject* pa = arr(p[i]);
      if (dtype_of(pa) != Traits<T>::dtype) {
        if (dtype_of(pa) == DType::f32 || dtype_of(pa) == DType::f64) {
          throw nb::type_error((std::string("trueno.") + op + ": x has dtype " + Traits<T>::name + " but " + pnames[i] +
                                " has dtype " + (dtype_of(pa) == DType::f32 ? "float32" : "float64") +
                                "; mixed dtypes are not converted (use .astype() on one of them)")
                                   .c_str());
        }
        throw_dtype(op, pnames[i], pa, {Traits<T>::name});
      }
      if (PyArray_NDIM(pa) != 1 || static_cast<std::size_t>(PyArray_DIM(pa, 0)) != r.cols) {
        throw nb::value_error((std::string("trueno.") + op + ": " + pnames[i] + " has shape " + shape_str(pa) +
                               " but x has shape " + shape_str(xa) + "; " + pnames[i] + " must have shape (" +
                               std::to_string(r.cols) + ",) (the last axis of x)")
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

constexpr const char* kRowsDoc =
    "\n\nAlong the last axis of x (any shape: an (..., n) array is independent rows of n elements;\n"
    "a 0-d array is one row of one element). x: float32 or float64. Returns a new array of x's\n"
    "shape and dtype, or writes into out= (a C-contiguous array of that shape and dtype, which\n"
    "may be x) and returns it.";

template <class F>
void def_softmax(nb::module_& m, const char* name, F f, const char* doc) {
  const std::string sig = signature(name, std::string("x: ") + kArrayLike + ", *, " + kOutParam, kNDArray);
  m.def(
      name,
      [name, f](nb::handle x, nb::handle out) {
        return row_op<0>(name, x, std::array<const char*, 0>{}, std::array<nb::handle, 0>{}, out,
                         [f](auto xs, Rows r, auto o) { f(xs, r.rows, r.cols, o); });
      },
      nb::arg("x"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      (std::string(doc) + kRowsDoc).c_str());
}

void def_layer_norm(nb::module_& m) {
  const std::string sig =
      signature("layer_norm",
                std::string("x: ") + kArrayLike + ", gamma: " + kArrayLike + " | None = None, beta: " + kArrayLike +
                    " | None = None, eps: float = 1e-05, *, " + kOutParam,
                kNDArray);
  m.def(
      "layer_norm",
      [](nb::handle x, nb::handle gamma, nb::handle beta, double eps, nb::handle out) {
        return row_op<2>("layer_norm", x, {"gamma", "beta"}, {gamma, beta}, out,
                         [eps](auto xs, Rows r, auto g, auto b, auto o) {
                           using T = typename decltype(o)::value_type;
                           trueno::layer_norm(xs, r.rows, r.cols, g, b, static_cast<T>(eps), o);
                         });
      },
      nb::arg("x"), nb::arg("gamma") = nb::none(), nb::arg("beta") = nb::none(), nb::arg("eps") = 1e-5, nb::kw_only(),
      nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      (std::string("(x - mean) / sqrt(var + eps) * gamma + beta per row, biased variance\n"
                   "(torch.nn.functional.layer_norm(x, (n,), gamma, beta, eps)). gamma and beta: None (no\n"
                   "scale / no shift) or arrays of x's dtype and shape (n,). Computed in double, rounded\n"
                   "once. ValueError unless eps > 0 and finite.") +
       kRowsDoc)
          .c_str());
}

void def_rms_norm(nb::module_& m) {
  const std::string sig = signature("rms_norm",
                                    std::string("x: ") + kArrayLike + ", gamma: " + kArrayLike +
                                        " | None = None, eps: float = 1e-06, *, " + kOutParam,
                                    kNDArray);
  m.def(
      "rms_norm",
      [](nb::handle x, nb::handle gamma, double eps, nb::handle out) {
        return row_op<1>("rms_norm", x, {"gamma"}, {gamma}, out, [eps](auto xs, Rows r, auto g, auto o) {
          using T = typename decltype(o)::value_type;
          trueno::rms_norm(xs, r.rows, r.cols, g, static_cast<T>(eps), o);
        });
      },
      nb::arg("x"), nb::arg("gamma") = nb::none(), nb::arg("eps") = 1e-6, nb::kw_only(), nb::arg("out") = nb::none(),
      nb::sig(sig.c_str()),
      (std::string("x / sqrt(mean(x**2) + eps) * gamma per row (RMSNorm, torch.nn.functional.rms_norm).\n"
                   "gamma: None or an array of x's dtype and shape (n,). Computed in double, rounded once.\n"
                   "ValueError unless eps > 0 and finite.") +
       kRowsDoc)
          .c_str());
}

}  // namespace

void bind_rows(nb::module_& m) {
  def_softmax(
      m, "softmax", [](auto x, std::size_t r, std::size_t c, auto o) { trueno::softmax(x, r, c, o); },
      "e**(x - max) / sum(e**(x - max)) per row (torch.softmax(x, -1)); stable for every finite\n"
      "input, -inf entries give 0, an all -inf row gives NaN.");
  def_softmax(
      m, "log_softmax", [](auto x, std::size_t r, std::size_t c, auto o) { trueno::log_softmax(x, r, c, o); },
      "x - max - log(sum(e**(x - max))) per row (torch.log_softmax(x, -1)).");
  def_layer_norm(m);
  def_rms_norm(m);
}

}  // namespace trueno::py
