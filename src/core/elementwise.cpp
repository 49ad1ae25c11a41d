// elementwise.cpp: front-ends of the element-wise ops: validate -> pick the kernel table ->
// split for threads -> call the kernel. The allocating forms allocate the result only.
#include "trueno/elementwise.hpp"

#include <cmath>

#include "core/checks.hpp"
#include "cpu/dispatch.hpp"
#include "cpu/parallel/parallel.hpp"

namespace trueno {
namespace {

template <class T>
using EW = cpu::ElementwiseKernels<T>;

template <class T>
const EW<T>& ew() {
  return cpu::elementwise<T>(cpu::kernels());
}

template <class T>
void unary_into(const char* op, typename EW<T>::Unary EW<T>::*k, std::span<const T> x, std::span<T> out) {
  detail::check_output(op, x, "x", out);
  const auto fn = ew<T>().*k;
  parallel::for_ranges(x.size(), [&](std::size_t b, std::size_t e) { fn(x.data() + b, out.data() + b, e - b); });
}

template <class T>
Vector<T> unary(const char* op, typename EW<T>::Unary EW<T>::*k, std::span<const T> x) {
  auto r = Vector<T>::uninitialized(x.size());
  unary_into<T>(op, k, x, r.span());
  return r;
}

template <class T>
void binary_into(const char* op, typename EW<T>::Binary EW<T>::*k, std::span<const T> a, std::span<const T> b,
                 std::span<T> out) {
  detail::check_same_size(op, "a", a.size(), "b", b.size());
  detail::check_output(op, a, "a", out);
  detail::check_output(op, b, "b", out);
  const auto fn = ew<T>().*k;
  parallel::for_ranges(a.size(),
                       [&](std::size_t s, std::size_t e) { fn(a.data() + s, b.data() + s, out.data() + s, e - s); });
}

template <class T>
Vector<T> binary(const char* op, typename EW<T>::Binary EW<T>::*k, std::span<const T> a, std::span<const T> b) {
  detail::check_same_size(op, "a", a.size(), "b", b.size());
  auto r = Vector<T>::uninitialized(a.size());
  binary_into<T>(op, k, a, b, r.span());
  return r;
}

template <class T>
void scale_into(std::span<const T> x, T s, std::span<T> out) {
  detail::check_output("scale", x, "x", out);
  const auto fn = ew<T>().scale;
  parallel::for_ranges(x.size(), [&](std::size_t b, std::size_t e) { fn(x.data() + b, s, out.data() + b, e - b); });
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
  const auto fn = ew<T>().clamp;
  parallel::for_ranges(x.size(),
                       [&](std::size_t b, std::size_t e) { fn(x.data() + b, lo, hi, out.data() + b, e - b); });
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
  const bool from_a = t < T(0.5);  // as torch.lerp: the nearer endpoint is reproduced exactly
  const auto fn = ew<T>().lerp;
  parallel::for_ranges(a.size(), [&](std::size_t s, std::size_t e) {
    fn(a.data() + s, b.data() + s, t, from_a, out.data() + s, e - s);
  });
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
  const auto fn = ew<T>().fma;
  parallel::for_ranges(a.size(), [&](std::size_t s, std::size_t e) {
    fn(a.data() + s, b.data() + s, c.data() + s, out.data() + s, e - s);
  });
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

// ---- binary -----------------------------------------------------------------------------------
Vector<float> add(std::span<const float> a, std::span<const float> b) {
  return binary<float>("add", &EW<float>::add, a, b);
}
Vector<double> add(std::span<const double> a, std::span<const double> b) {
  return binary<double>("add", &EW<double>::add, a, b);
}
void add(std::span<const float> a, std::span<const float> b, std::span<float> o) {
  binary_into<float>("add", &EW<float>::add, a, b, o);
}
void add(std::span<const double> a, std::span<const double> b, std::span<double> o) {
  binary_into<double>("add", &EW<double>::add, a, b, o);
}

Vector<float> sub(std::span<const float> a, std::span<const float> b) {
  return binary<float>("sub", &EW<float>::sub, a, b);
}
Vector<double> sub(std::span<const double> a, std::span<const double> b) {
  return binary<double>("sub", &EW<double>::sub, a, b);
}
void sub(std::span<const float> a, std::span<const float> b, std::span<float> o) {
  binary_into<float>("sub", &EW<float>::sub, a, b, o);
}
void sub(std::span<const double> a, std::span<const double> b, std::span<double> o) {
  binary_into<double>("sub", &EW<double>::sub, a, b, o);
}

Vector<float> mul(std::span<const float> a, std::span<const float> b) {
  return binary<float>("mul", &EW<float>::mul, a, b);
}
Vector<double> mul(std::span<const double> a, std::span<const double> b) {
  return binary<double>("mul", &EW<double>::mul, a, b);
}
void mul(std::span<const float> a, std::span<const float> b, std::span<float> o) {
  binary_into<float>("mul", &EW<float>::mul, a, b, o);
}
void mul(std::span<const double> a, std::span<const double> b, std::span<double> o) {
  binary_into<double>("mul", &EW<double>::mul, a, b, o);
}

Vector<float> div(std::span<const float> a, std::span<const float> b) {
  return binary<float>("div", &EW<float>::div, a, b);
}
Vector<double> div(std::span<const double> a, std::span<const double> b) {
  return binary<double>("div", &EW<double>::div, a, b);
}
void div(std::span<const float> a, std::span<const float> b, std::span<float> o) {
  binary_into<float>("div", &EW<float>::div, a, b, o);
}
void div(std::span<const double> a, std::span<const double> b, std::span<double> o) {
  binary_into<double>("div", &EW<double>::div, a, b, o);
}

Vector<float> minimum(std::span<const float> a, std::span<const float> b) {
  return binary<float>("minimum", &EW<float>::minimum, a, b);
}
Vector<double> minimum(std::span<const double> a, std::span<const double> b) {
  return binary<double>("minimum", &EW<double>::minimum, a, b);
}
void minimum(std::span<const float> a, std::span<const float> b, std::span<float> o) {
  binary_into<float>("minimum", &EW<float>::minimum, a, b, o);
}
void minimum(std::span<const double> a, std::span<const double> b, std::span<double> o) {
  binary_into<double>("minimum", &EW<double>::minimum, a, b, o);
}

Vector<float> maximum(std::span<const float> a, std::span<const float> b) {
  return binary<float>("maximum", &EW<float>::maximum, a, b);
}
Vector<double> maximum(std::span<const double> a, std::span<const double> b) {
  return binary<double>("maximum", &EW<double>::maximum, a, b);
}
void maximum(std::span<const float> a, std::span<const float> b, std::span<float> o) {
  binary_into<float>("maximum", &EW<float>::maximum, a, b, o);
}
void maximum(std::span<const double> a, std::span<const double> b, std::span<double> o) {
  binary_into<double>("maximum", &EW<double>::maximum, a, b, o);
}

Vector<float> copysign(std::span<const float> a, std::span<const float> b) {
  return binary<float>("copysign", &EW<float>::copysign, a, b);
}
Vector<double> copysign(std::span<const double> a, std::span<const double> b) {
  return binary<double>("copysign", &EW<double>::copysign, a, b);
}
void copysign(std::span<const float> a, std::span<const float> b, std::span<float> o) {
  binary_into<float>("copysign", &EW<float>::copysign, a, b, o);
}
void copysign(std::span<const double> a, std::span<const double> b, std::span<double> o) {
  binary_into<double>("copysign", &EW<double>::copysign, a, b, o);
}

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

// ---- unary ----------------------------------------------------------------------------------
Vector<float> abs(std::span<const float> x) { return unary<float>("abs", &EW<float>::abs, x); }
Vector<double> abs(std::span<const double> x) { return unary<double>("abs", &EW<double>::abs, x); }
void abs(std::span<const float> x, std::span<float> o) { unary_into<float>("abs", &EW<float>::abs, x, o); }
void abs(std::span<const double> x, std::span<double> o) { unary_into<double>("abs", &EW<double>::abs, x, o); }

Vector<float> neg(std::span<const float> x) { return unary<float>("neg", &EW<float>::neg, x); }
Vector<double> neg(std::span<const double> x) { return unary<double>("neg", &EW<double>::neg, x); }
void neg(std::span<const float> x, std::span<float> o) { unary_into<float>("neg", &EW<float>::neg, x, o); }
void neg(std::span<const double> x, std::span<double> o) { unary_into<double>("neg", &EW<double>::neg, x, o); }

Vector<float> sqrt(std::span<const float> x) { return unary<float>("sqrt", &EW<float>::sqrt, x); }
Vector<double> sqrt(std::span<const double> x) { return unary<double>("sqrt", &EW<double>::sqrt, x); }
void sqrt(std::span<const float> x, std::span<float> o) { unary_into<float>("sqrt", &EW<float>::sqrt, x, o); }
void sqrt(std::span<const double> x, std::span<double> o) { unary_into<double>("sqrt", &EW<double>::sqrt, x, o); }

Vector<float> recip(std::span<const float> x) { return unary<float>("recip", &EW<float>::recip, x); }
Vector<double> recip(std::span<const double> x) { return unary<double>("recip", &EW<double>::recip, x); }
void recip(std::span<const float> x, std::span<float> o) { unary_into<float>("recip", &EW<float>::recip, x, o); }
void recip(std::span<const double> x, std::span<double> o) { unary_into<double>("recip", &EW<double>::recip, x, o); }

Vector<float> floor(std::span<const float> x) { return unary<float>("floor", &EW<float>::floor, x); }
Vector<double> floor(std::span<const double> x) { return unary<double>("floor", &EW<double>::floor, x); }
void floor(std::span<const float> x, std::span<float> o) { unary_into<float>("floor", &EW<float>::floor, x, o); }
void floor(std::span<const double> x, std::span<double> o) { unary_into<double>("floor", &EW<double>::floor, x, o); }

Vector<float> ceil(std::span<const float> x) { return unary<float>("ceil", &EW<float>::ceil, x); }
Vector<double> ceil(std::span<const double> x) { return unary<double>("ceil", &EW<double>::ceil, x); }
void ceil(std::span<const float> x, std::span<float> o) { unary_into<float>("ceil", &EW<float>::ceil, x, o); }
void ceil(std::span<const double> x, std::span<double> o) { unary_into<double>("ceil", &EW<double>::ceil, x, o); }

Vector<float> round(std::span<const float> x) { return unary<float>("round", &EW<float>::round, x); }
Vector<double> round(std::span<const double> x) { return unary<double>("round", &EW<double>::round, x); }
void round(std::span<const float> x, std::span<float> o) { unary_into<float>("round", &EW<float>::round, x, o); }
void round(std::span<const double> x, std::span<double> o) { unary_into<double>("round", &EW<double>::round, x, o); }

Vector<float> trunc(std::span<const float> x) { return unary<float>("trunc", &EW<float>::trunc, x); }
Vector<double> trunc(std::span<const double> x) { return unary<double>("trunc", &EW<double>::trunc, x); }
void trunc(std::span<const float> x, std::span<float> o) { unary_into<float>("trunc", &EW<float>::trunc, x, o); }
void trunc(std::span<const double> x, std::span<double> o) { unary_into<double>("trunc", &EW<double>::trunc, x, o); }

Vector<float> fract(std::span<const float> x) { return unary<float>("fract", &EW<float>::fract, x); }
Vector<double> fract(std::span<const double> x) { return unary<double>("fract", &EW<double>::fract, x); }
void fract(std::span<const float> x, std::span<float> o) { unary_into<float>("fract", &EW<float>::fract, x, o); }
void fract(std::span<const double> x, std::span<double> o) { unary_into<double>("fract", &EW<double>::fract, x, o); }

Vector<float> signum(std::span<const float> x) { return unary<float>("signum", &EW<float>::signum, x); }
Vector<double> signum(std::span<const double> x) { return unary<double>("signum", &EW<double>::signum, x); }
void signum(std::span<const float> x, std::span<float> o) { unary_into<float>("signum", &EW<float>::signum, x, o); }
void signum(std::span<const double> x, std::span<double> o) { unary_into<double>("signum", &EW<double>::signum, x, o); }

}  // namespace trueno
