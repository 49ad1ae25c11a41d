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
void exp2(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("exp2", mk<double>().exp2, x, o); }

Vector<float> expm1(std::span<const float> x) { return detail::unary_alloc<float>("expm1", mk<float>().expm1, x); }
Vector<double> expm1(std::span<const double> x) { return detail::unary_alloc<double>("expm1", mk<double>().expm1, x); }
void expm1(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("expm1", mk<float>().expm1, x, o); }
void expm1(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("expm1", mk<double>().expm1, x, o); }

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
void log2(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("log2", mk<double>().log2, x, o); }

Vector<float> log10(std::span<const float> x) { return detail::unary_alloc<float>("log10", mk<float>().log10, x); }
Vector<double> log10(std::span<const double> x) { return detail::unary_alloc<double>("log10", mk<double>().log10, x); }
void log10(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("log10", mk<float>().log10, x, o); }
void log10(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("log10", mk<double>().log10, x, o); }

Vector<float> log1p(std::span<const float> x) { return detail::unary_alloc<float>("log1p", mk<float>().log1p, x); }
Vector<double> log1p(std::span<const double> x) { return detail::unary_alloc<double>("log1p", mk<double>().log1p, x); }
void log1p(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("log1p", mk<float>().log1p, x, o); }
void log1p(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("log1p", mk<double>().log1p, x, o); }

Vector<float> tanh(std::span<const float> x) { return detail::unary_alloc<float>("tanh", mk<float>().tanh, x); }
Vector<double> tanh(std::span<const double> x) { return detail::unary_alloc<double>("tanh", mk<double>().tanh, x); }
void tanh(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("tanh", mk<float>().tanh, x, o); }
void tanh(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("tanh", mk<double>().tanh, x, o); }

Vector<float> erf(std::span<const float> x) { return detail::unary_alloc<float>("erf", mk<float>().erf, x); }
Vector<double> erf(std::span<const double> x) { return detail::unary_alloc<double>("erf", mk<double>().erf, x); }
void erf(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("erf", mk<float>().erf, x, o); }
void erf(std::span<const double> x, std::span<double> o) { detail::unary_into<double>("erf", mk<double>().erf, x, o); }

}  // namespace trueno
