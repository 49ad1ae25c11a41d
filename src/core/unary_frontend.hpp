// unary_frontend.hpp: the shared front-end of element-wise kernels with the signature
// (x, [params...,] out, n): output check, parallel split, allocating form.
#pragma once

#include <span>

#include "core/checks.hpp"
#include "cpu/dispatch.hpp"
#include "cpu/parallel/parallel.hpp"
#include "trueno/vector.hpp"

namespace trueno::detail {

/// Runs kernel(x + b, params..., out + b, e - b) over a split of [0, x.size()) for the op's cost
/// class C (parallel.hpp). Math and activations cost tens of cycles per element, so threads pay
/// from smaller sizes (Cost::compute). Ops of a few operations per element (relu, leaky_relu,
/// hardswish, hardsigmoid) split like a copy (Cost::memory): as Cost::compute, relu of
/// 16Ki-64Ki floats ran at 0.29-0.85x of one thread on the 16-core device machine (split 2-8
/// ways, 1-8 us of work against a few us of hand-off).
template <class T, parallel::Cost C = parallel::Cost::compute, class K, class... P>
void unary_into(const char* op, K kernel, std::span<const T> x, std::span<T> out, P... params) {
  check_output(op, x, "x", out);
  parallel::for_ranges(x.size(), C,
                       [&](std::size_t b, std::size_t e) { kernel(x.data() + b, params..., out.data() + b, e - b); });
}

template <class T, parallel::Cost C = parallel::Cost::compute, class K, class... P>
Vector<T> unary_alloc(const char* op, K kernel, std::span<const T> x, P... params) {
  auto r = Vector<T>::uninitialized(x.size());
  unary_into<T, C>(op, kernel, x, r.span(), params...);
  return r;
}

}  // namespace trueno::detail
