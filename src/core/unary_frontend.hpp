// unary_frontend.hpp: the shared front-end of element-wise kernels with the signature
// (x, [params...,] out, n): output check, parallel split, allocating form.
#pragma once

#include <span>

#include "core/checks.hpp"
#include "cpu/dispatch.hpp"
#include "parallel/parallel.hpp"
#include "trueno/vector.hpp"

namespace trueno::detail {

/// Runs kernel(x + b, params..., out + b, e - b) over a split of [0, x.size()); math and
/// activations cost tens of cycles per element, so threads pay from smaller sizes.
template <class T, class K, class... P>
void unary_into(const char* op, K kernel, std::span<const T> x, std::span<T> out, P... params) {
  check_output(op, x, "x", out);
  parallel::for_ranges(x.size(), parallel::Cost::compute, [&](std::size_t b, std::size_t e) {
    kernel(x.data() + b, params..., out.data() + b, e - b);
  });
}

template <class T, class K, class... P>
Vector<T> unary_alloc(const char* op, K kernel, std::span<const T> x, P... params) {
  auto r = Vector<T>::uninitialized(x.size());
  unary_into<T>(op, kernel, x, r.span(), params...);
  return r;
}

}  // namespace trueno::detail
