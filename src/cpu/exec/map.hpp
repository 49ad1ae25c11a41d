// exec/map.hpp: the CPU executor of the element-wise ops: the calling thread's kernels, split
// over the thread pool by the op's cost. Front-ends call these with validated host operands of
// n elements each (an output is an input or disjoint from them); a device executor implements
// the same functions with its own launches.
#pragma once

#include <cstddef>

#include "cpu/dispatch.hpp"
#include "cpu/parallel/parallel.hpp"
#include "trueno/activations.hpp"
#include "trueno/op_list.hpp"

namespace trueno::cpu::exec {

/// The thread-split class of an op's intensity (parallel.hpp): light ops stream like a copy
/// (as Cost::compute, relu of 16Ki-64Ki floats ran at 0.29-0.85x of one thread on the 16-core
/// device machine: 1-8 us of work against a few us of hand-off); heavy ops cost tens of cycles
/// per element, so threads pay from smaller sizes.
constexpr parallel::Cost cost_of(Intensity i) {
  return i == Intensity::light ? parallel::Cost::memory : parallel::Cost::compute;
}

/// kernel(x + b, params..., out + b, e - b) over a split of [0, n) for cost C.
template <parallel::Cost C, class T, class K, class... P>
void map(K kernel, const T* x, T* out, std::size_t n, P... params) {
  parallel::for_ranges(n, C, [&](std::size_t b, std::size_t e) { kernel(x + b, params..., out + b, e - b); });
}

// ---- the listed ops (trueno/op_list.hpp) --------------------------------------------------------
template <class T>
void unary(UnaryOp op, const T* x, T* out, std::size_t n) {
  const auto k = listed<T>(kernels())[op];
  parallel::for_ranges(n, cost_of(info(op).intensity), [&](std::size_t b, std::size_t e) { k(x + b, out + b, e - b); });
}

template <class T>
void binary(BinaryOp op, const T* a, const T* b, T* out, std::size_t n) {
  const auto k = listed<T>(kernels())[op];
  parallel::for_ranges(n, cost_of(info(op).intensity),
                       [&](std::size_t s, std::size_t e) { k(a + s, b + s, out + s, e - s); });
}

// ---- ops with parameters --------------------------------------------------------------------
template <class T>
void scale(const T* x, T s, T* out, std::size_t n) {
  map<parallel::Cost::memory>(elementwise<T>(kernels()).scale, x, out, n, s);
}

template <class T>
void clamp(const T* x, T lo, T hi, T* out, std::size_t n) {
  map<parallel::Cost::memory>(elementwise<T>(kernels()).clamp, x, out, n, lo, hi);
}

/// out = a + t (b - a). The nearer endpoint's form, as torch.lerp: exact at t = 0 and t = 1.
template <class T>
void lerp(const T* a, const T* b, T t, T* out, std::size_t n) {
  const bool from_a = t < T(0.5);
  const auto k = elementwise<T>(kernels()).lerp;
  parallel::for_ranges(n, parallel::Cost::memory,
                       [&](std::size_t s, std::size_t e) { k(a + s, b + s, t, from_a, out + s, e - s); });
}

template <class T>
void fma(const T* a, const T* b, const T* c, T* out, std::size_t n) {
  const auto k = elementwise<T>(kernels()).fma;
  parallel::for_ranges(n, parallel::Cost::memory,
                       [&](std::size_t s, std::size_t e) { k(a + s, b + s, c + s, out + s, e - s); });
}

template <class T>
void pow(const T* x, T y, T* out, std::size_t n) {
  map<parallel::Cost::compute>(math<T>(kernels()).pow, x, out, n, y);
}

template <class T>
void leaky_relu(const T* x, T slope, T* out, std::size_t n) {
  map<parallel::Cost::memory>(activations<T>(kernels()).leaky_relu, x, out, n, slope);
}

/// scale * (x > 0 ? x : alpha * expm1(x / alpha_div)): elu, celu (alpha_div = alpha), selu.
template <class T>
void elu_family(const T* x, T alpha, T alpha_div, T scale, T* out, std::size_t n) {
  map<parallel::Cost::compute>(activations<T>(kernels()).elu_family, x, out, n, alpha, alpha_div, scale);
}

template <class T>
void softplus(const T* x, T beta, T threshold, T* out, std::size_t n) {
  map<parallel::Cost::compute>(activations<T>(kernels()).softplus, x, out, n, beta, threshold);
}

template <class T>
void gelu(const T* x, GeluApprox a, T* out, std::size_t n) {
  const auto& k = activations<T>(kernels());
  map<parallel::Cost::compute>(a == GeluApprox::tanh ? k.gelu_tanh : k.gelu_erf, x, out, n);
}

}  // namespace trueno::cpu::exec
