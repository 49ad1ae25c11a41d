// math.cpp: front-ends of the element-wise math functions: validate -> kernel table ->
// split for threads -> kernel. The allocating forms allocate the result only.
#include "trueno/math.hpp"

#include "core/unary_frontend.hpp"

namespace trueno {
namespace {
template <class T>
using MK = cpu::MathKernels<T>;
template <class T>
const MK<T>& mk() {
  return cpu::math<T>(cpu::kernels());
}
}  // namespace

Vector<float> exp(std::span<const float> x) { return detail::unary_alloc<float>("exp", mk<float>().exp, x); }
Vector<double> exp(std::span<const double> x) { return detail::unary_alloc<double>("exp", mk<double>().exp, x); }
void exp(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("exp", mk<float>().exp, x, o); }
void exp(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("exp", mk<double>().exp, x, o); }

Vector<float> exp2(std::span<const float> x) { return detail::unary_alloc<float>("exp2", mk<float>().exp2, x); }
Vector<double> exp2(std::span<const double> x) { return detail::unary_alloc<double>("exp2", mk<double>().exp2, x); }
void exp2(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("exp2", mk<float>().exp2, x, o); }
void exp2(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("exp2", mk<double>().exp2, x, o);
}

Vector<float> expm1(std::span<const float> x) { return detail::unary_alloc<float>("expm1", mk<float>().expm1, x); }
Vector<double> expm1(std::span<const double> x) { return detail::unary_alloc<double>("expm1", mk<double>().expm1, x); }
void expm1(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float>("expm1", mk<float>().expm1, x, o);
}
void expm1(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("expm1", mk<double>().expm1, x, o);
}

Vector<float> ln(std::span<const float> x) { return detail::unary_alloc<float>("ln", mk<float>().ln, x); }
Vector<double> ln(std::span<const double> x) { return detail::unary_alloc<double>("ln", mk<double>().ln, x); }
void ln(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("ln", mk<float>().ln, x, o); }
void ln(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("ln", mk<double>().ln, x, o); }

Vector<float> log(std::span<const float> x) { return detail::unary_alloc<float>("log", mk<float>().ln, x); }
Vector<double> log(std::span<const double> x) { return detail::unary_alloc<double>("log", mk<double>().ln, x); }
void log(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("log", mk<float>().ln, x, o); }
void log(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("log", mk<double>().ln, x, o); }

Vector<float> log2(std::span<const float> x) { return detail::unary_alloc<float>("log2", mk<float>().log2, x); }
Vector<double> log2(std::span<const double> x) { return detail::unary_alloc<double>("log2", mk<double>().log2, x); }
void log2(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("log2", mk<float>().log2, x, o); }
void log2(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("log2", mk<double>().log2, x, o);
}

Vector<float> log10(std::span<const float> x) { return detail::unary_alloc<float>("log10", mk<float>().log10, x); }
Vector<double> log10(std::span<const double> x) { return detail::unary_alloc<double>("log10", mk<double>().log10, x); }
void log10(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float>("log10", mk<float>().log10, x, o);
}
void log10(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("log10", mk<double>().log10, x, o);
}

Vector<float> log1p(std::span<const float> x) { return detail::unary_alloc<float>("log1p", mk<float>().log1p, x); }
Vector<double> log1p(std::span<const double> x) { return detail::unary_alloc<double>("log1p", mk<double>().log1p, x); }
void log1p(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float>("log1p", mk<float>().log1p, x, o);
}
void log1p(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("log1p", mk<double>().log1p, x, o);
}

Vector<float> tanh(std::span<const float> x) { return detail::unary_alloc<float>("tanh", mk<float>().tanh, x); }
Vector<double> tanh(std::span<const double> x) { return detail::unary_alloc<double>("tanh", mk<double>().tanh, x); }
void tanh(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("tanh", mk<float>().tanh, x, o); }
void tanh(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("tanh", mk<double>().tanh, x, o);
}

Vector<float> erf(std::span<const float> x) { return detail::unary_alloc<float>("erf", mk<float>().erf, x); }
Vector<double> erf(std::span<const double> x) { return detail::unary_alloc<double>("erf", mk<double>().erf, x); }
void erf(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("erf", mk<float>().erf, x, o); }
void erf(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("erf", mk<double>().erf, x, o); }

Vector<float> sin(std::span<const float> x) { return detail::unary_alloc<float>("sin", mk<float>().sin, x); }
Vector<double> sin(std::span<const double> x) { return detail::unary_alloc<double>("sin", mk<double>().sin, x); }
void sin(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("sin", mk<float>().sin, x, o); }
void sin(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("sin", mk<double>().sin, x, o); }

Vector<float> cos(std::span<const float> x) { return detail::unary_alloc<float>("cos", mk<float>().cos, x); }
Vector<double> cos(std::span<const double> x) { return detail::unary_alloc<double>("cos", mk<double>().cos, x); }
void cos(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("cos", mk<float>().cos, x, o); }
void cos(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("cos", mk<double>().cos, x, o); }

Vector<float> tan(std::span<const float> x) { return detail::unary_alloc<float>("tan", mk<float>().tan, x); }
Vector<double> tan(std::span<const double> x) { return detail::unary_alloc<double>("tan", mk<double>().tan, x); }
void tan(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("tan", mk<float>().tan, x, o); }
void tan(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("tan", mk<double>().tan, x, o); }

Vector<float> asin(std::span<const float> x) { return detail::unary_alloc<float>("asin", mk<float>().asin, x); }
Vector<double> asin(std::span<const double> x) { return detail::unary_alloc<double>("asin", mk<double>().asin, x); }
void asin(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("asin", mk<float>().asin, x, o); }
void asin(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("asin", mk<double>().asin, x, o);
}

Vector<float> acos(std::span<const float> x) { return detail::unary_alloc<float>("acos", mk<float>().acos, x); }
Vector<double> acos(std::span<const double> x) { return detail::unary_alloc<double>("acos", mk<double>().acos, x); }
void acos(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("acos", mk<float>().acos, x, o); }
void acos(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("acos", mk<double>().acos, x, o);
}

Vector<float> atan(std::span<const float> x) { return detail::unary_alloc<float>("atan", mk<float>().atan, x); }
Vector<double> atan(std::span<const double> x) { return detail::unary_alloc<double>("atan", mk<double>().atan, x); }
void atan(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("atan", mk<float>().atan, x, o); }
void atan(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("atan", mk<double>().atan, x, o);
}

Vector<float> sinh(std::span<const float> x) { return detail::unary_alloc<float>("sinh", mk<float>().sinh, x); }
Vector<double> sinh(std::span<const double> x) { return detail::unary_alloc<double>("sinh", mk<double>().sinh, x); }
void sinh(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("sinh", mk<float>().sinh, x, o); }
void sinh(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("sinh", mk<double>().sinh, x, o);
}

Vector<float> cosh(std::span<const float> x) { return detail::unary_alloc<float>("cosh", mk<float>().cosh, x); }
Vector<double> cosh(std::span<const double> x) { return detail::unary_alloc<double>("cosh", mk<double>().cosh, x); }
void cosh(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("cosh", mk<float>().cosh, x, o); }
void cosh(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("cosh", mk<double>().cosh, x, o);
}

Vector<float> asinh(std::span<const float> x) { return detail::unary_alloc<float>("asinh", mk<float>().asinh, x); }
Vector<double> asinh(std::span<const double> x) { return detail::unary_alloc<double>("asinh", mk<double>().asinh, x); }
void asinh(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float>("asinh", mk<float>().asinh, x, o);
}
void asinh(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("asinh", mk<double>().asinh, x, o);
}

Vector<float> acosh(std::span<const float> x) { return detail::unary_alloc<float>("acosh", mk<float>().acosh, x); }
Vector<double> acosh(std::span<const double> x) { return detail::unary_alloc<double>("acosh", mk<double>().acosh, x); }
void acosh(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float>("acosh", mk<float>().acosh, x, o);
}
void acosh(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("acosh", mk<double>().acosh, x, o);
}

Vector<float> atanh(std::span<const float> x) { return detail::unary_alloc<float>("atanh", mk<float>().atanh, x); }
Vector<double> atanh(std::span<const double> x) { return detail::unary_alloc<double>("atanh", mk<double>().atanh, x); }
void atanh(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float>("atanh", mk<float>().atanh, x, o);
}
void atanh(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("atanh", mk<double>().atanh, x, o);
}

Vector<float> cbrt(std::span<const float> x) { return detail::unary_alloc<float>("cbrt", mk<float>().cbrt, x); }
Vector<double> cbrt(std::span<const double> x) { return detail::unary_alloc<double>("cbrt", mk<double>().cbrt, x); }
void cbrt(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("cbrt", mk<float>().cbrt, x, o); }
void cbrt(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("cbrt", mk<double>().cbrt, x, o);
}

Vector<float> pow(std::span<const float> x, float y) {
  return detail::unary_alloc<float>("pow", mk<float>().pow, x, y);
}
Vector<double> pow(std::span<const double> x, double y) {
  return detail::unary_alloc<double>("pow", mk<double>().pow, x, y);
}
void pow(std::span<const float> x, float y, std::span<float> o) {
  detail::unary_into<float>("pow", mk<float>().pow, x, o, y);
}
void pow(std::span<const double> x, double y, std::span<double> o) {
  detail::unary_into<double>("pow", mk<double>().pow, x, o, y);
}

}  // namespace trueno
