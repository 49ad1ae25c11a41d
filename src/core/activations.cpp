// activations.cpp: front-ends of the activations with parameters (leaky_relu, elu, celu, selu,
// softplus, gelu): validate, allocate the result (allocating forms), hand the op to the
// executor. The plain ones (relu, sigmoid, ...) are listed in trueno/op_list.hpp.
#include "trueno/activations.hpp"

#include <cmath>
#include <string>

#include "core/unary_frontend.hpp"
#include "cpu/exec/map.hpp"

namespace trueno {

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
  detail::unary_into<T>(
      op, x, o, [=](const T* p, T* q, std::size_t n) { cpu::exec::elu_family(p, alpha, alpha_div, scale, q, n); });
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
  detail::unary_into<T>("softplus", x, o,
                        [=](const T* p, T* q, std::size_t n) { cpu::exec::softplus(p, beta, threshold, q, n); });
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
void leaky_relu_into(std::span<const T> x, T slope, std::span<T> o) {
  detail::unary_into<T>("leaky_relu", x, o,
                        [=](const T* p, T* q, std::size_t n) { cpu::exec::leaky_relu(p, slope, q, n); });
}
template <class T>
void gelu_into(std::span<const T> x, GeluApprox a, std::span<T> o) {
  detail::unary_into<T>("gelu", x, o, [=](const T* p, T* q, std::size_t n) { cpu::exec::gelu(p, a, q, n); });
}
template <class T, class Into>
Vector<T> alloc(std::span<const T> x, Into into) {
  auto r = Vector<T>::uninitialized(x.size());
  into(r.span());
  return r;
}
}  // namespace

Vector<float> leaky_relu(std::span<const float> x, float s) {
  return alloc<float>(x, [&](std::span<float> o) { leaky_relu_into<float>(x, s, o); });
}
Vector<double> leaky_relu(std::span<const double> x, double s) {
  return alloc<double>(x, [&](std::span<double> o) { leaky_relu_into<double>(x, s, o); });
}
void leaky_relu(std::span<const float> x, float s, std::span<float> o) { leaky_relu_into<float>(x, s, o); }
void leaky_relu(std::span<const double> x, double s, std::span<double> o) { leaky_relu_into<double>(x, s, o); }

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
  return alloc<float>(x, [&](std::span<float> o) { gelu_into<float>(x, a, o); });
}
Vector<double> gelu(std::span<const double> x, GeluApprox a) {
  return alloc<double>(x, [&](std::span<double> o) { gelu_into<double>(x, a, o); });
}
void gelu(std::span<const float> x, GeluApprox a, std::span<float> o) { gelu_into<float>(x, a, o); }
void gelu(std::span<const double> x, GeluApprox a, std::span<double> o) { gelu_into<double>(x, a, o); }

}  // namespace trueno
