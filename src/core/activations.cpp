// activations.cpp: front-ends of the element-wise activations: validate -> kernel table -> split
// for threads -> kernel. The allocating forms allocate the result only.
#include "trueno/activations.hpp"

#include <cmath>
#include <string>

#include "core/unary_frontend.hpp"

namespace trueno {
namespace {
template <class T>
const cpu::ActivationKernels<T>& ak() {
  return cpu::activations<T>(cpu::kernels());
}
// A few operations per element: split like a copy (unary_frontend.hpp).
constexpr auto kStreaming = parallel::Cost::memory;
}  // namespace

Vector<float> relu(std::span<const float> x) {
  return detail::unary_alloc<float, kStreaming>("relu", ak<float>().relu, x);
}
Vector<double> relu(std::span<const double> x) {
  return detail::unary_alloc<double, kStreaming>("relu", ak<double>().relu, x);
}
void relu(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float, kStreaming>("relu", ak<float>().relu, x, o);
}
void relu(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double, kStreaming>("relu", ak<double>().relu, x, o);
}

Vector<float> sigmoid(std::span<const float> x) {
  return detail::unary_alloc<float>("sigmoid", ak<float>().sigmoid, x);
}
Vector<double> sigmoid(std::span<const double> x) {
  return detail::unary_alloc<double>("sigmoid", ak<double>().sigmoid, x);
}
void sigmoid(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float>("sigmoid", ak<float>().sigmoid, x, o);
}
void sigmoid(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("sigmoid", ak<double>().sigmoid, x, o);
}

Vector<float> swish(std::span<const float> x) { return detail::unary_alloc<float>("swish", ak<float>().swish, x); }
Vector<double> swish(std::span<const double> x) { return detail::unary_alloc<double>("swish", ak<double>().swish, x); }
void swish(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float>("swish", ak<float>().swish, x, o);
}
void swish(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("swish", ak<double>().swish, x, o);
}

Vector<float> silu(std::span<const float> x) { return detail::unary_alloc<float>("silu", ak<float>().swish, x); }
Vector<double> silu(std::span<const double> x) { return detail::unary_alloc<double>("silu", ak<double>().swish, x); }
void silu(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("silu", ak<float>().swish, x, o); }
void silu(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("silu", ak<double>().swish, x, o);
}

Vector<float> mish(std::span<const float> x) { return detail::unary_alloc<float>("mish", ak<float>().mish, x); }
Vector<double> mish(std::span<const double> x) { return detail::unary_alloc<double>("mish", ak<double>().mish, x); }
void mish(std::span<const float> x, std::span<float> o) { detail::unary_into<float>("mish", ak<float>().mish, x, o); }
void mish(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double>("mish", ak<double>().mish, x, o);
}

Vector<float> hardswish(std::span<const float> x) {
  return detail::unary_alloc<float, kStreaming>("hardswish", ak<float>().hardswish, x);
}
Vector<double> hardswish(std::span<const double> x) {
  return detail::unary_alloc<double, kStreaming>("hardswish", ak<double>().hardswish, x);
}
void hardswish(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float, kStreaming>("hardswish", ak<float>().hardswish, x, o);
}
void hardswish(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double, kStreaming>("hardswish", ak<double>().hardswish, x, o);
}

Vector<float> hardsigmoid(std::span<const float> x) {
  return detail::unary_alloc<float, kStreaming>("hardsigmoid", ak<float>().hardsigmoid, x);
}
Vector<double> hardsigmoid(std::span<const double> x) {
  return detail::unary_alloc<double, kStreaming>("hardsigmoid", ak<double>().hardsigmoid, x);
}
void hardsigmoid(std::span<const float> x, std::span<float> o) {
  detail::unary_into<float, kStreaming>("hardsigmoid", ak<float>().hardsigmoid, x, o);
}
void hardsigmoid(std::span<const double> x, std::span<double> o) {
  detail::unary_into<double, kStreaming>("hardsigmoid", ak<double>().hardsigmoid, x, o);
}

namespace {
template <class T>
void check_param(const char* op, const char* name, T v, bool nonzero) {
  if (std::isnan(v)) detail::throw_invalid(op, std::string(name) + " is NaN");
  if (nonzero && v == T(0)) detail::throw_invalid(op, std::string(name) + " must not be 0");
}

// selu's constants (Klambauer et al., as in PyTorch).
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kSeluScale = 1.0507009873554804934193349852946;

template <class T>
void elu_into(const char* op, std::span<const T> x, T alpha, T alpha_div, T scale, std::span<T> o) {
  check_param(op, "alpha", alpha, alpha_div != T(1));
  detail::unary_into<T>(op, ak<T>().elu_family, x, o, alpha, alpha_div, scale);
}
template <class T>
Vector<T> elu_alloc(const char* op, std::span<const T> x, T alpha, T alpha_div, T scale) {
  check_param(op, "alpha", alpha, alpha_div != T(1));
  auto r = Vector<T>::uninitialized(x.size());
  elu_into<T>(op, x, alpha, alpha_div, scale, r.span());
  return r;
}

template <class T>
void softplus_into(std::span<const T> x, T beta, T threshold, std::span<T> o) {
  check_param("softplus", "beta", beta, true);
  check_param("softplus", "threshold", threshold, false);
  detail::unary_into<T>("softplus", ak<T>().softplus, x, o, beta, threshold);
}
template <class T>
Vector<T> softplus_alloc(std::span<const T> x, T beta, T threshold) {
  check_param("softplus", "beta", beta, true);
  check_param("softplus", "threshold", threshold, false);
  auto r = Vector<T>::uninitialized(x.size());
  softplus_into<T>(x, beta, threshold, r.span());
  return r;
}

template <class T>
auto gelu_kernel(GeluApprox a) {
  return a == GeluApprox::tanh ? ak<T>().gelu_tanh : ak<T>().gelu_erf;
}
}  // namespace

Vector<float> leaky_relu(std::span<const float> x, float s) {
  return detail::unary_alloc<float, kStreaming>("leaky_relu", ak<float>().leaky_relu, x, s);
}
Vector<double> leaky_relu(std::span<const double> x, double s) {
  return detail::unary_alloc<double, kStreaming>("leaky_relu", ak<double>().leaky_relu, x, s);
}
void leaky_relu(std::span<const float> x, float s, std::span<float> o) {
  detail::unary_into<float, kStreaming>("leaky_relu", ak<float>().leaky_relu, x, o, s);
}
void leaky_relu(std::span<const double> x, double s, std::span<double> o) {
  detail::unary_into<double, kStreaming>("leaky_relu", ak<double>().leaky_relu, x, o, s);
}

Vector<float> elu(std::span<const float> x, float a) { return elu_alloc<float>("elu", x, a, 1.0f, 1.0f); }
Vector<double> elu(std::span<const double> x, double a) { return elu_alloc<double>("elu", x, a, 1.0, 1.0); }
void elu(std::span<const float> x, float a, std::span<float> o) { elu_into<float>("elu", x, a, 1.0f, 1.0f, o); }
void elu(std::span<const double> x, double a, std::span<double> o) { elu_into<double>("elu", x, a, 1.0, 1.0, o); }

Vector<float> celu(std::span<const float> x, float a) { return elu_alloc<float>("celu", x, a, a, 1.0f); }
Vector<double> celu(std::span<const double> x, double a) { return elu_alloc<double>("celu", x, a, a, 1.0); }
void celu(std::span<const float> x, float a, std::span<float> o) { elu_into<float>("celu", x, a, a, 1.0f, o); }
void celu(std::span<const double> x, double a, std::span<double> o) { elu_into<double>("celu", x, a, a, 1.0, o); }

Vector<float> selu(std::span<const float> x) {
  return elu_alloc<float>("selu", x, float(kSeluAlpha), 1.0f, float(kSeluScale));
}
Vector<double> selu(std::span<const double> x) { return elu_alloc<double>("selu", x, kSeluAlpha, 1.0, kSeluScale); }
void selu(std::span<const float> x, std::span<float> o) {
  elu_into<float>("selu", x, float(kSeluAlpha), 1.0f, float(kSeluScale), o);
}
void selu(std::span<const double> x, std::span<double> o) {
  elu_into<double>("selu", x, kSeluAlpha, 1.0, kSeluScale, o);
}

Vector<float> softplus(std::span<const float> x, float b, float t) { return softplus_alloc<float>(x, b, t); }
Vector<double> softplus(std::span<const double> x, double b, double t) { return softplus_alloc<double>(x, b, t); }
void softplus(std::span<const float> x, float b, float t, std::span<float> o) { softplus_into<float>(x, b, t, o); }
void softplus(std::span<const double> x, double b, double t, std::span<double> o) { softplus_into<double>(x, b, t, o); }

Vector<float> gelu(std::span<const float> x, GeluApprox a) {
  return detail::unary_alloc<float>("gelu", gelu_kernel<float>(a), x);
}
Vector<double> gelu(std::span<const double> x, GeluApprox a) {
  return detail::unary_alloc<double>("gelu", gelu_kernel<double>(a), x);
}
void gelu(std::span<const float> x, GeluApprox a, std::span<float> o) {
  detail::unary_into<float>("gelu", gelu_kernel<float>(a), x, o);
}
void gelu(std::span<const double> x, GeluApprox a, std::span<double> o) {
  detail::unary_into<double>("gelu", gelu_kernel<double>(a), x, o);
}

}  // namespace trueno
