// bind.hpp: helpers that define module functions of the common shapes (element-wise with out=,
// whole-array reductions) with their typed signatures, and one bind_* entry per op family.
#pragma once

#include <nanobind/nanobind.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "array.hpp"
#include "nd.hpp"
#include "trueno/op_list.hpp"

namespace trueno::py {

// Type names in signatures (nanobind's stub generator turns them into imports).
inline constexpr const char* kArrayLike = "numpy.typing.ArrayLike";
inline constexpr const char* kNDArray = "numpy.typing.NDArray[typing.Any]";
inline constexpr const char* kOutParam = "out: numpy.typing.NDArray[typing.Any] | None = None";

/// "def name(params) -> ret": the signature shown by help() and written to the stubs.
inline std::string signature(const char* name, const std::string& params, const char* ret) {
  return std::string("def ") + name + "(" + params + ") -> " + ret;
}

/// The accuracy sentence of a function's docstring, from its bound in trueno/op_list.hpp (the
/// one place bounds are written); empty for a function without one.
inline std::string bound_doc(std::string_view name) {
  const OpBound b = bound_of(name);
  if (b.name.empty()) return "";
  if (b.ulp_f32 == 0 && b.ulp_f64 == 0) return " Exact (correctly rounded where it rounds).";
  if (b.ulp_f32 == b.ulp_f64) return " <= " + std::to_string(b.ulp_f32) + " ULP.";
  return " <= " + std::to_string(b.ulp_f32) + " ULP (float32), <= " + std::to_string(b.ulp_f64) + " ULP (float64).";
}

/// An element-wise op's docstring: its own line and its bound (bound_doc(name)), then the rules
/// every element-wise op follows.
inline std::string elementwise_doc(std::string_view what, std::string_view name = {}) {
  return std::string(what) + bound_doc(name) +
         "\n\nInputs: float32 or float64 arrays of one dtype and one shape (no broadcasting), any\n"
         "shape; C-contiguous arrays are read without copying, others are copied first. Returns a\n"
         "new array of that shape and dtype, or writes into out= (a C-contiguous array of that\n"
         "shape and dtype, which may be an input) and returns it.";
}

/// The docstring of an op with NumPy's semantics (map_nd): its line and bound, then the rules.
inline std::string nd_doc(std::string_view what, std::string_view name) {
  return std::string(what) + bound_doc(name) +
         "\n\nInputs: float32 or float64 arrays of one dtype, broadcast together (NumPy's rules), any\n"
         "strides (read in place, never copied unless they overlap out=); a Python int or float\n"
         "takes the arrays' dtype (NEP 50: mul(float32_array, 2.0) is float32), while NumPy scalars\n"
         "and 0-d arrays keep theirs (mixed dtypes are a TypeError, never converted). Returns a new\n"
         "array of the broadcast shape, laid out like the inputs (order='K'), or writes into out=\n"
         "(that shape and dtype, any strides; it may be an input) and returns it.";
}

/// "float32, float64, ...": the dtypes an op over element types Ts accepts.
template <class... Ts>
std::string dtype_list() {
  std::string s;
  ((s += (s.empty() ? "" : ", ") + std::string(Traits<Ts>::name)), ...);
  return s;
}

/// A reduction's docstring: its own line, then the rules every reduction follows.
template <class... Ts>
std::string reduction_doc(const char* what) {
  return std::string(what) +
         "\n\nReduces the whole array (any shape) to a NumPy scalar. Accepted dtypes: " + dtype_list<Ts...>() + ".";
}

/// `name(x, *, out=None)`, float32/float64, f(std::span<const T> x, std::span<T> out); with
/// kNd (the listed ops), NumPy's semantics: f takes ArrayViews too (map_nd).
template <bool kNd = false, class F>
void def_unary(nb::module_& m, const char* name, F f, const char* doc) {
  const std::string sig = signature(name, std::string("x: ") + kArrayLike + ", *, " + kOutParam, kNDArray);
  m.def(
      name,
      [name, f](nb::handle x, nb::handle out) {
        if constexpr (kNd)
          return map_nd<float, double>(name, {"x"}, {x}, out, f);
        else
          return map_op<float, double>(name, {"x"}, {x}, out, f);
      },
      nb::arg("x"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      (kNd ? nd_doc(doc, name) : elementwise_doc(doc, name)).c_str());
}

/// `name(a, b, *, out=None)`, float32/float64, with NumPy's semantics: f(ArrayView<const T> a,
/// b, ArrayView<T> out) (and the same over spans).
template <class F>
void def_binary(nb::module_& m, const char* name, F f, const char* doc) {
  const std::string sig =
      signature(name, std::string("a: ") + kArrayLike + ", b: " + kArrayLike + ", *, " + kOutParam, kNDArray);
  m.def(
      name,
      [name, f](nb::handle a, nb::handle b, nb::handle out) {
        return map_nd<float, double>(name, {"a", "b"}, {a, b}, out, f);
      },
      nb::arg("a"), nb::arg("b"), nb::kw_only(), nb::arg("out") = nb::none(), nb::sig(sig.c_str()),
      nd_doc(doc, name).c_str());
}

/// `name(x)` reducing the whole array to a NumPy scalar, over element types Ts.
template <class... Ts, class F>
void def_reduce(nb::module_& m, const char* name, F f, const char* ret, const char* what) {
  const std::string sig = signature(name, std::string("x: ") + kArrayLike, ret);
  m.def(
      name, [name, f](nb::handle x) { return reduce_op<Ts...>(name, {"x"}, {x}, f); }, nb::arg("x"),
      nb::sig(sig.c_str()), reduction_doc<Ts...>(what).c_str());
}

void bind_backend(nb::module_& m);
void bind_listed(nb::module_& m);
void bind_elementwise(nb::module_& m);
void bind_reductions(nb::module_& m);
void bind_statistics(nb::module_& m);
void bind_math(nb::module_& m);
void bind_activations(nb::module_& m);
void bind_rows(nb::module_& m);
void bind_matrix(nb::module_& m);

}  // namespace trueno::py
