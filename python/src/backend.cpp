// backend.cpp: Python bindings of where and how ops run: the backend choice (trueno/backend.hpp),
// the thread count (trueno/threads.hpp), the result-buffer cache (trueno/memory.hpp), the build.
#include <cstdint>
#include <optional>
#include <string>
#include <thread>

#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "bind.hpp"
#include "trueno/backend.hpp"
#include "trueno/memory.hpp"
#include "trueno/threads.hpp"
#include "trueno/version.hpp"

namespace trueno::py {
namespace {

std::vector<std::string> names(const std::vector<Backend>& bs) {
  std::vector<std::string> out;
  out.reserve(bs.size());
  for (Backend b : bs) out.emplace_back(backend_name(b));
  return out;
}

std::string joined(const std::vector<Backend>& bs) {
  std::string s;
  for (Backend b : bs) s += (s.empty() ? "" : ", ") + std::string(backend_name(b));
  return s;
}

// A backend by name: ValueError for a name trueno does not know (unavailable ones are
// refused later, by the C++ setters, with RuntimeError).
Backend parse(const char* who, const std::string& name) {
  const auto b = parse_backend(name);
  if (!b) {
    throw nb::value_error(
        (std::string("trueno.") + who + ": unknown backend '" + name +
         "' (known: scalar, sse2, avx2, avx512, neon; available here: " + joined(available_backends()) + ")")
            .c_str());
  }
  return *b;
}

// `with trueno.use_backend(name):` the calling thread's ops run on `name` inside the block
// (ScopedBackend: nests, restores the previous choice on exit, other threads unaffected).
class UseBackend {
 public:
  explicit UseBackend(const std::string& name) : backend_(parse("use_backend", name)) {
    if (!backend_available(backend_)) ScopedBackend probe(backend_);  // throws BackendUnavailable now
  }

  std::string enter() {
    if (scope_) throw nb::value_error("trueno.use_backend: this context is already active (create a new one)");
    scope_.emplace(backend_);
    thread_ = std::this_thread::get_id();
    return std::string(backend_name(backend_));
  }

  void exit(nb::handle, nb::handle, nb::handle) {
    if (!scope_) return;
    if (thread_ != std::this_thread::get_id()) {
      throw nb::value_error("trueno.use_backend: the context must be exited on the thread that entered it");
    }
    scope_.reset();
  }

 private:
  Backend backend_;
  std::optional<ScopedBackend> scope_;
  std::thread::id thread_;
};

nb::dict build_info() {
  nb::dict d;
  d["version"] = kVersion;
  d["build_type"] = TRUENO_BUILD_TYPE;
  d["compiler"] = __VERSION__;
  std::vector<std::string> devices;
  for (Device dev : available_devices()) devices.emplace_back(device_name(dev));
  d["devices"] = devices;
  d["compiled_backends"] = names(compiled_backends());
  d["available_backends"] = names(available_backends());
  d["best_backend"] = std::string(backend_name(best_backend()));
  d["parallel"] = parallel_enabled();
  d["gil_release_min_elements"] = kGilReleaseMin;
  d["trueno_alloc_min_bytes"] = kTruenoAllocMinBytes;
  return d;
}

}  // namespace

void bind_backend(nb::module_& m) {
  m.def(
      "devices",
      [] {
        std::vector<std::string> out;
        for (Device d : available_devices()) out.emplace_back(device_name(d));
        return out;
      },
      "Names of the devices this build can run operations on, 'cpu' first. NumPy arrays are on the\n"
      "CPU, where a backend is one of its instruction sets (backends()).");
  m.def(
      "backends", [] { return names(available_backends()); },
      "Names of the backends this build and CPU can run, in increasing order of preference.");
  m.def(
      "backend", [] { return std::string(backend_name(active_backend())); },
      "Name of the backend the calling thread's operations run on now.");
  m.def(
      "set_backend", [](const std::string& name) { set_backend(parse("set_backend", name)); }, nb::arg("name"),
      "Runs every thread's operations on backend `name` until set_backend or reset_backend is called\n"
      "again (a use_backend block still takes precedence). ValueError for an unknown name,\n"
      "RuntimeError for a backend this build or CPU cannot run.");
  m.def("reset_backend", &reset_backend,
        "Forgets set_backend: back to TRUENO_BACKEND if set in the environment, else the best available.");

  nb::class_<UseBackend>(m, "use_backend",
                         "Context manager: `with trueno.use_backend(\"avx2\"):` runs the calling thread's operations\n"
                         "on that backend inside the block (nests; restores the previous choice on exit; other\n"
                         "threads are unaffected). ValueError for an unknown name, RuntimeError for a backend this\n"
                         "build or CPU cannot run. __enter__ returns the backend's name.")
      .def(nb::init<const std::string&>(), nb::arg("name"))
      .def("__enter__", &UseBackend::enter)
      .def("__exit__", &UseBackend::exit, nb::arg("exc_type").none(), nb::arg("exc_value").none(),
           nb::arg("traceback").none());

  m.def(
      "build_info", &build_info,
      "How this trueno was built and what it runs on: version, build_type (CMAKE_BUILD_TYPE), compiler,\n"
      "parallel (thread pool), compiled/available/best backends, and the binding thresholds (GIL release, allocator).");

  m.def("num_threads", &num_threads, "Threads a large operation may use (1 in a build without TRUENO_PARALLEL).");
  m.def(
      "set_num_threads",
      [](std::int64_t n) {
        if (n < 0) throw nb::value_error("trueno.set_num_threads: n must be >= 0 (0: back to the default)");
        set_num_threads(static_cast<std::size_t>(n));
      },
      nb::arg("n"),
      "Sets the threads large operations may use: 1 = single-threaded, 0 = back to the default\n"
      "(TRUENO_NUM_THREADS, else OMP_NUM_THREADS, else all hardware threads). Results do not depend on it.");
  m.def("parallel_enabled", &parallel_enabled, "Whether this build can use more than one thread (TRUENO_PARALLEL).");

  m.def("memory_cache_limit", &memory_cache_limit, "Bytes of freed large result buffers trueno keeps for reuse.");
  m.def("set_memory_cache_limit", &set_memory_cache_limit, nb::arg("bytes"),
        "Sets the byte limit of the result-buffer cache (0 disables it).");
  m.def("memory_cache_bytes", &memory_cache_bytes, "Bytes currently held in the result-buffer cache.");
  m.def("release_cached_memory", &release_cached_memory, "Returns every cached result buffer to the system now.");
}

}  // namespace trueno::py
