// elementwise.cpp: front-ends of the element-wise ops with parameters (scale, clamp/clip, lerp,
// fma): validate, allocate the result (allocating forms), hand the op to the executor. The
// listed ops (add ... signum) are in listed_ops.cpp.
#include "trueno/elementwise.hpp"

#include <cmath>

#include "core/checks.hpp"
#include "cpu/exec/map.hpp"

namespace trueno {
namespace {

template <class T>
void scale_into(std::span<const T> x, T s, std::span<T> out) {
  detail::check_output("scale", x, "x", out);
  cpu::exec::scale(x.data(), s, out.data(), x.size());
}

template <class T>
void check_clamp_bounds(const char* op, T lo, T hi) {
  if (std::isnan(lo) || std::isnan(hi)) detail::throw_invalid(op, "a bound is NaN");
  if (lo > hi) {
    detail::throw_invalid(op, "lo (" + std::to_string(lo) + ") is greater than hi (" + std::to_string(hi) + ")");
  }
}

template <class T>
void clamp_into(const char* op, std::span<const T> x, T lo, T hi, std::span<T> out) {
  check_clamp_bounds(op, lo, hi);
  detail::check_output(op, x, "x", out);
  cpu::exec::clamp(x.data(), lo, hi, out.data(), x.size());
}

template <class T>
Vector<T> clamp_alloc(const char* op, std::span<const T> x, T lo, T hi) {
  check_clamp_bounds(op, lo, hi);  // before allocating
  auto r = Vector<T>::uninitialized(x.size());
  clamp_into<T>(op, x, lo, hi, r.span());
  return r;
}

template <class T>
void lerp_into(std::span<const T> a, std::span<const T> b, T t, std::span<T> out) {
  detail::check_same_size("lerp", "a", a.size(), "b", b.size());
  detail::check_output("lerp", a, "a", out);
  detail::check_output("lerp", b, "b", out);
  cpu::exec::lerp(a.data(), b.data(), t, out.data(), a.size());
}

template <class T>
Vector<T> lerp_alloc(std::span<const T> a, std::span<const T> b, T t) {
  detail::check_same_size("lerp", "a", a.size(), "b", b.size());
  auto r = Vector<T>::uninitialized(a.size());
  lerp_into<T>(a, b, t, r.span());
  return r;
}

template <class T>
void fma_into(std::span<const T> a, std::span<const T> b, std::span<const T> c, std::span<T> out) {
  detail::check_same_size("fma", "a", a.size(), "b", b.size());
  detail::check_same_size("fma", "a", a.size(), "c", c.size());
  detail::check_output("fma", a, "a", out);
  detail::check_output("fma", b, "b", out);
  detail::check_output("fma", c, "c", out);
  cpu::exec::fma(a.data(), b.data(), c.data(), out.data(), a.size());
}

template <class T>
Vector<T> fma_alloc(std::span<const T> a, std::span<const T> b, std::span<const T> c) {
  detail::check_same_size("fma", "a", a.size(), "b", b.size());
  detail::check_same_size("fma", "a", a.size(), "c", c.size());
  auto r = Vector<T>::uninitialized(a.size());
  fma_into<T>(a, b, c, r.span());
  return r;
}

}  // namespace

// ---- scalar parameters --------------------------------------------------------------------
Vector<float> scale(std::span<const float> x, float s) {
  auto r = Vector<float>::uninitialized(x.size());
  scale_into<float>(x, s, r.span());
  return r;
}
Vector<double> scale(std::span<const double> x, double s) {
  auto r = Vector<double>::uninitialized(x.size());
  scale_into<double>(x, s, r.span());
  return r;
}
void scale(std::span<const float> x, float s, std::span<float> o) { scale_into<float>(x, s, o); }
void scale(std::span<const double> x, double s, std::span<double> o) { scale_into<double>(x, s, o); }

Vector<float> clamp(std::span<const float> x, float lo, float hi) { return clamp_alloc<float>("clamp", x, lo, hi); }
Vector<double> clamp(std::span<const double> x, double lo, double hi) {
  return clamp_alloc<double>("clamp", x, lo, hi);
}
void clamp(std::span<const float> x, float lo, float hi, std::span<float> o) {
  clamp_into<float>("clamp", x, lo, hi, o);
}
void clamp(std::span<const double> x, double lo, double hi, std::span<double> o) {
  clamp_into<double>("clamp", x, lo, hi, o);
}

Vector<float> clip(std::span<const float> x, float lo, float hi) { return clamp_alloc<float>("clip", x, lo, hi); }
Vector<double> clip(std::span<const double> x, double lo, double hi) { return clamp_alloc<double>("clip", x, lo, hi); }
void clip(std::span<const float> x, float lo, float hi, std::span<float> o) { clamp_into<float>("clip", x, lo, hi, o); }
void clip(std::span<const double> x, double lo, double hi, std::span<double> o) {
  clamp_into<double>("clip", x, lo, hi, o);
}

Vector<float> lerp(std::span<const float> a, std::span<const float> b, float t) { return lerp_alloc<float>(a, b, t); }
Vector<double> lerp(std::span<const double> a, std::span<const double> b, double t) {
  return lerp_alloc<double>(a, b, t);
}
void lerp(std::span<const float> a, std::span<const float> b, float t, std::span<float> o) {
  lerp_into<float>(a, b, t, o);
}
void lerp(std::span<const double> a, std::span<const double> b, double t, std::span<double> o) {
  lerp_into<double>(a, b, t, o);
}

Vector<float> fma(std::span<const float> a, std::span<const float> b, std::span<const float> c) {
  return fma_alloc<float>(a, b, c);
}
Vector<double> fma(std::span<const double> a, std::span<const double> b, std::span<const double> c) {
  return fma_alloc<double>(a, b, c);
}
void fma(std::span<const float> a, std::span<const float> b, std::span<const float> c, std::span<float> o) {
  fma_into<float>(a, b, c, o);
}
void fma(std::span<const double> a, std::span<const double> b, std::span<const double> c, std::span<double> o) {
  fma_into<double>(a, b, c, o);
}

}  // namespace trueno
