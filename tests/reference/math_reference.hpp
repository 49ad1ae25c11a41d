// math_reference.hpp: oracles for the math functions and activations, written from their
// definitions in a wider type R (double for float results, long double for double results) with
// the C library; never from the kernels. Composite activations use the mathematically equal
// form that the wider type evaluates without cancellation (e.g. x sigmoid(2u) for gelu-tanh,
// whose textbook form 0.5 x (1 + tanh u) loses everything to cancellation for u < -19).
#pragma once

#include <cmath>
#include <limits>

namespace trueno::ref {

template <class R>
R sigmoid(R x) {
  if (std::isnan(x)) return x;
  if (x >= 0) return R(1) / (R(1) + std::exp(-x));
  const R e = std::exp(x);
  return e / (R(1) + e);
}
template <class R>
R swish(R x) {
  if (x == -std::numeric_limits<R>::infinity()) return R(-0.0);  // the limit
  return x * sigmoid(x);
}
template <class R>
R gelu_tanh(R x) {
  if (std::isinf(x)) return x > 0 ? x : R(-0.0);
  const R u = std::sqrt(R(2) / R(3.14159265358979323846264338327950288L)) * (x + R(0.044715L) * x * x * x);
  return x * sigmoid(R(2) * u);
}
template <class R>
R gelu_erf(R x) {
  if (std::isinf(x)) return x > 0 ? x : R(-0.0);
  return R(0.5) * x * std::erfc(-x / std::sqrt(R(2)));
}
template <class R>
R softplus(R x, R beta = 1, R threshold = 20) {
  const R z = beta * x;
  if (z > threshold) return x;
  return (std::fmax(z, R(0)) + std::log1p(std::exp(-std::fabs(z)))) / beta;
}
template <class R>
R mish(R x) {
  if (std::isinf(x)) return x > 0 ? x : R(-0.0);
  return x * std::tanh(softplus(x));
}
template <class R>
R relu(R x) {
  return std::isnan(x) ? x : (x > 0 ? x : R(0));
}
template <class R>
R leaky_relu(R x, R slope) {
  return x > 0 ? x : slope * x;
}
template <class R>
R elu(R x, R alpha) {
  return x > 0 ? x : alpha * std::expm1(x);
}
template <class R>
R celu(R x, R alpha) {
  return x > 0 ? x : alpha * std::expm1(x / alpha);
}
template <class R>
R selu(R x) {
  const R alpha = R(1.6732632423543772848170429916717L), scale = R(1.0507009873554804934193349852946L);
  return scale * (x > 0 ? x : alpha * std::expm1(x));
}
template <class R>
R hardsigmoid(R x) {
  return std::isnan(x) ? x : std::fmin(std::fmax(x + 3, R(0)), R(6)) / 6;
}
template <class R>
R softsign(R x) {
  return std::isinf(x) ? std::copysign(R(1), x) : x / (1 + std::fabs(x));
}
template <class R>
R hardswish(R x) {
  return x * hardsigmoid(x);
}

}  // namespace trueno::ref
