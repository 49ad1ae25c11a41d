// rows.cpp: front-ends of the row-wise ops (softmax, log_softmax, layer_norm, rms_norm over the
// last axis of a row-major rows x cols array): validate shapes and eps, then the CPU executor
// (cpu/exec/rows.hpp).
#include <cmath>
#include <cstdint>
#include <string>

#include "core/checks.hpp"
#include "cpu/exec/rows.hpp"
#include "trueno/activations.hpp"

namespace trueno {
namespace {

namespace exec = cpu::exec;

void check_shape(const char* op, std::size_t n, std::size_t rows, std::size_t cols) {
  if (cols != 0 && rows > SIZE_MAX / cols) detail::throw_invalid(op, "rows * cols overflows");
  if (n != rows * cols) {
    throw SizeMismatch(detail::op_prefix(op) + "x has " + std::to_string(n) +
                       " elements but rows * cols = " + std::to_string(rows) + " * " + std::to_string(cols));
  }
}

template <class T>
void check_affine(const char* op, std::size_t cols, std::span<const T> p, const char* name) {
  if (!p.empty()) detail::check_same_size(op, name, p.size(), "cols", cols);
}

template <class T>
void check_eps(const char* op, T eps) {
  if (!(eps > T(0)) || !std::isfinite(eps))
    detail::throw_invalid(op, "eps must be finite and > 0, got " + std::to_string(eps));
}

template <class T>
void softmax_into(const char* op, bool log, std::span<const T> x, std::size_t rows, std::size_t cols, std::span<T> o) {
  check_shape(op, x.size(), rows, cols);
  detail::check_output(op, x, "x", o);
  if (log)
    exec::log_softmax(x.data(), o.data(), rows, cols);
  else
    exec::softmax(x.data(), o.data(), rows, cols);
}

template <class T>
void check_norm(const char* op, std::size_t n, std::size_t rows, std::size_t cols, std::span<const T> g,
                std::span<const T> b, T eps) {
  check_shape(op, n, rows, cols);
  check_affine(op, cols, g, "gamma");
  check_affine(op, cols, b, "beta");
  check_eps(op, eps);
}

template <class T>
void layer_norm_into(std::span<const T> x, std::size_t rows, std::size_t cols, std::span<const T> g,
                     std::span<const T> b, T eps, std::span<T> o) {
  check_norm("layer_norm", x.size(), rows, cols, g, b, eps);
  detail::check_output("layer_norm", x, "x", o);
  const T* gp = g.empty() ? nullptr : g.data();
  const T* bp = b.empty() ? nullptr : b.data();
  exec::layer_norm(x.data(), gp, bp, eps, o.data(), rows, cols);
}

template <class T>
void rms_norm_into(std::span<const T> x, std::size_t rows, std::size_t cols, std::span<const T> g, T eps,
                   std::span<T> o) {
  check_norm<T>("rms_norm", x.size(), rows, cols, g, {}, eps);
  detail::check_output("rms_norm", x, "x", o);
  const T* gp = g.empty() ? nullptr : g.data();
  exec::rms_norm(x.data(), gp, eps, o.data(), rows, cols);
}

// The allocating forms: validate, then allocate the result only, then the span form.
template <class T, class F>
Vector<T> alloc(std::size_t n, F into) {
  auto r = Vector<T>::uninitialized(n);
  into(r.span());
  return r;
}
template <class T>
Vector<T> softmax_alloc(const char* op, bool log, std::span<const T> x, std::size_t r, std::size_t c) {
  check_shape(op, x.size(), r, c);
  return alloc<T>(x.size(), [&](std::span<T> o) { softmax_into<T>(op, log, x, r, c, o); });
}
template <class T>
Vector<T> layer_norm_alloc(std::span<const T> x, std::size_t r, std::size_t c, std::span<const T> g,
                           std::span<const T> b, T eps) {
  check_norm("layer_norm", x.size(), r, c, g, b, eps);
  return alloc<T>(x.size(), [&](std::span<T> o) { layer_norm_into<T>(x, r, c, g, b, eps, o); });
}
template <class T>
Vector<T> rms_norm_alloc(std::span<const T> x, std::size_t r, std::size_t c, std::span<const T> g, T eps) {
  check_norm<T>("rms_norm", x.size(), r, c, g, {}, eps);
  return alloc<T>(x.size(), [&](std::span<T> o) { rms_norm_into<T>(x, r, c, g, eps, o); });
}

}  // namespace

// ---- softmax / log_softmax --------------------------------------------------------------------
void softmax(std::span<const float> x, std::size_t r, std::size_t c, std::span<float> o) {
  softmax_into<float>("softmax", false, x, r, c, o);
}
void softmax(std::span<const double> x, std::size_t r, std::size_t c, std::span<double> o) {
  softmax_into<double>("softmax", false, x, r, c, o);
}
void softmax(std::span<const float> x, std::span<float> o) { softmax_into<float>("softmax", false, x, 1, x.size(), o); }
void softmax(std::span<const double> x, std::span<double> o) {
  softmax_into<double>("softmax", false, x, 1, x.size(), o);
}
Vector<float> softmax(std::span<const float> x, std::size_t r, std::size_t c) {
  return softmax_alloc<float>("softmax", false, x, r, c);
}
Vector<double> softmax(std::span<const double> x, std::size_t r, std::size_t c) {
  return softmax_alloc<double>("softmax", false, x, r, c);
}
Vector<float> softmax(std::span<const float> x) { return softmax_alloc<float>("softmax", false, x, 1, x.size()); }
Vector<double> softmax(std::span<const double> x) { return softmax_alloc<double>("softmax", false, x, 1, x.size()); }

void log_softmax(std::span<const float> x, std::size_t r, std::size_t c, std::span<float> o) {
  softmax_into<float>("log_softmax", true, x, r, c, o);
}
void log_softmax(std::span<const double> x, std::size_t r, std::size_t c, std::span<double> o) {
  softmax_into<double>("log_softmax", true, x, r, c, o);
}
void log_softmax(std::span<const float> x, std::span<float> o) {
  softmax_into<float>("log_softmax", true, x, 1, x.size(), o);
}
void log_softmax(std::span<const double> x, std::span<double> o) {
  softmax_into<double>("log_softmax", true, x, 1, x.size(), o);
}
Vector<float> log_softmax(std::span<const float> x, std::size_t r, std::size_t c) {
  return softmax_alloc<float>("log_softmax", true, x, r, c);
}
Vector<double> log_softmax(std::span<const double> x, std::size_t r, std::size_t c) {
  return softmax_alloc<double>("log_softmax", true, x, r, c);
}
Vector<float> log_softmax(std::span<const float> x) {
  return softmax_alloc<float>("log_softmax", true, x, 1, x.size());
}
Vector<double> log_softmax(std::span<const double> x) {
  return softmax_alloc<double>("log_softmax", true, x, 1, x.size());
}

// ---- layer_norm / rms_norm --------------------------------------------------------------------
using SF = std::span<const float>;
using SD = std::span<const double>;
void layer_norm(SF x, std::size_t r, std::size_t c, SF g, SF b, float eps, std::span<float> o) {
  layer_norm_into<float>(x, r, c, g, b, eps, o);
}
void layer_norm(SD x, std::size_t r, std::size_t c, SD g, SD b, double eps, std::span<double> o) {
  layer_norm_into<double>(x, r, c, g, b, eps, o);
}
void layer_norm(SF x, SF g, SF b, float eps, std::span<float> o) {
  layer_norm_into<float>(x, 1, x.size(), g, b, eps, o);
}
void layer_norm(SD x, SD g, SD b, double eps, std::span<double> o) {
  layer_norm_into<double>(x, 1, x.size(), g, b, eps, o);
}
Vector<float> layer_norm(SF x, std::size_t r, std::size_t c, SF g, SF b, float eps) {
  return layer_norm_alloc<float>(x, r, c, g, b, eps);
}
Vector<double> layer_norm(SD x, std::size_t r, std::size_t c, SD g, SD b, double eps) {
  return layer_norm_alloc<double>(x, r, c, g, b, eps);
}
Vector<float> layer_norm(SF x, SF g, SF b, float eps) { return layer_norm_alloc<float>(x, 1, x.size(), g, b, eps); }
Vector<double> layer_norm(SD x, SD g, SD b, double eps) { return layer_norm_alloc<double>(x, 1, x.size(), g, b, eps); }

void rms_norm(SF x, std::size_t r, std::size_t c, SF g, float eps, std::span<float> o) {
  rms_norm_into<float>(x, r, c, g, eps, o);
}
void rms_norm(SD x, std::size_t r, std::size_t c, SD g, double eps, std::span<double> o) {
  rms_norm_into<double>(x, r, c, g, eps, o);
}
void rms_norm(SF x, SF g, float eps, std::span<float> o) { rms_norm_into<float>(x, 1, x.size(), g, eps, o); }
void rms_norm(SD x, SD g, double eps, std::span<double> o) { rms_norm_into<double>(x, 1, x.size(), g, eps, o); }
Vector<float> rms_norm(SF x, std::size_t r, std::size_t c, SF g, float eps) {
  return rms_norm_alloc<float>(x, r, c, g, eps);
}
Vector<double> rms_norm(SD x, std::size_t r, std::size_t c, SD g, double eps) {
  return rms_norm_alloc<double>(x, r, c, g, eps);
}
Vector<float> rms_norm(SF x, SF g, float eps) { return rms_norm_alloc<float>(x, 1, x.size(), g, eps); }
Vector<double> rms_norm(SD x, SD g, double eps) { return rms_norm_alloc<double>(x, 1, x.size(), g, eps); }

}  // namespace trueno
