// module.cpp: the extension module trueno._core: NumPy's C API, the C++ -> Python exception
// mapping, and one bind_* call per op family (a new family is one new file and one line here).
#define TRUENO_PY_IMPORT_ARRAY
#include <string>

#include "bind.hpp"
#include "trueno/error.hpp"
#include "trueno/version.hpp"

namespace trueno::py {
namespace {

// "trueno::add: ..." (the C++ op name) -> "trueno.add: ..." (the Python one).
std::string python_message(const char* what) {
  std::string s = what;
  if (s.rfind("trueno::", 0) == 0) s.replace(0, 8, "trueno.");
  return s;
}

// SizeMismatch, EmptyInput, InvalidArgument -> ValueError; Overflow -> OverflowError;
// BackendUnavailable (and any other trueno::Error) -> RuntimeError.
void translate(const std::exception_ptr& p, void*) {
  try {
    std::rethrow_exception(p);
  } catch (const SizeMismatch& e) {
    PyErr_SetString(PyExc_ValueError, python_message(e.what()).c_str());
  } catch (const EmptyInput& e) {
    PyErr_SetString(PyExc_ValueError, python_message(e.what()).c_str());
  } catch (const InvalidArgument& e) {
    PyErr_SetString(PyExc_ValueError, python_message(e.what()).c_str());
  } catch (const Overflow& e) {
    PyErr_SetString(PyExc_OverflowError, python_message(e.what()).c_str());
  } catch (const Error& e) {
    PyErr_SetString(PyExc_RuntimeError, python_message(e.what()).c_str());
  }
}

}  // namespace
}  // namespace trueno::py

NB_MODULE(_core, m) {
  namespace py = trueno::py;
  if (_import_array() < 0) py::nb::raise_python_error();
  py::nb::register_exception_translator(&py::translate);
  m.attr("__version__") = trueno::kVersion;
  m.attr("__build_type__") = TRUENO_BUILD_TYPE;
  py::bind_backend(m);
  py::bind_listed(m);
  py::bind_elementwise(m);
  py::bind_reductions(m);
  py::bind_statistics(m);
  py::bind_math(m);
  py::bind_activations(m);
  py::bind_rows(m);
  py::bind_matrix(m);
}
