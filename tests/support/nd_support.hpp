// nd_support.hpp: operands of the N-d tests: memory with a view of one of several layouts
// (C order, reversed, every other element, transposed, misaligned), filled with random and
// special values, and a C-order walk over a shape's indices.
#pragma once

#include <algorithm>
#include <functional>
#include <random>
#include <vector>

#include "support/test_support.hpp"
#include "trueno/array_view.hpp"

namespace trueno::test {

/// An operand: its own memory and a view of it with one of several layouts.
template <class T>
struct Operand {
  std::vector<T> mem;
  std::vector<std::size_t> shape;
  std::vector<std::ptrdiff_t> strides;
  std::size_t origin = 0;  // index in mem of element (0, 0, ...)

  ArrayView<T> view() { return ArrayView<T>(mem.data() + origin, shape.data(), strides.data(), shape.size()); }
  ArrayView<const T> cview() { return view(); }
  T& at(const std::vector<std::size_t>& idx) {
    std::ptrdiff_t off = 0;
    for (std::size_t d = 0; d < shape.size(); ++d) off += static_cast<std::ptrdiff_t>(idx[d]) * strides[d];
    return mem[static_cast<std::size_t>(static_cast<std::ptrdiff_t>(origin) + off)];
  }
};

enum class Kind { c_order, reversed, step2, transposed, offset };

/// An operand of `shape` laid out as `kind`, filled from values through the view.
template <class T>
Operand<T> make(const std::vector<std::size_t>& shape, Kind kind, std::mt19937& g) {
  Operand<T> o;
  o.shape = shape;
  const std::size_t nd = shape.size();
  std::size_t n = 1;
  for (auto s : shape) n *= s;
  const std::ptrdiff_t step = kind == Kind::step2 ? 2 : 1;
  o.strides.assign(nd, 0);
  std::vector<std::size_t> order(nd);
  for (std::size_t d = 0; d < nd; ++d) order[d] = d;
  if (kind == Kind::transposed) std::reverse(order.begin(), order.end());
  std::ptrdiff_t s = step;
  for (std::size_t i = nd; i-- > 0;) {
    o.strides[order[i]] = s;
    s *= static_cast<std::ptrdiff_t>(shape[order[i]]);
  }
  const std::size_t pad = kind == Kind::offset ? 3 : 0;
  o.mem.assign(n * static_cast<std::size_t>(step) + pad + 1, T(0));
  o.origin = pad;
  if (kind == Kind::reversed && nd > 0) {
    o.origin += (shape[nd - 1] - 1) * static_cast<std::size_t>(o.strides[nd - 1]);
    o.strides[nd - 1] = -o.strides[nd - 1];
  }
  std::uniform_real_distribution<double> d(-3.0, 3.0);
  for (auto& x : o.mem) x = static_cast<T>(d(g));
  const auto sp = special_values<T>();
  for (std::size_t i = 0; i < o.mem.size(); i += 7) o.mem[i] = sp[i / 7 % sp.size()];
  return o;
}

/// Each index of shape in C order.
inline void for_each_index(const std::vector<std::size_t>& shape,
                           const std::function<void(const std::vector<std::size_t>&)>& f) {
  std::size_t n = 1;
  for (auto s : shape) n *= s;
  std::vector<std::size_t> idx(shape.size(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    f(idx);
    for (std::size_t d = shape.size(); d-- > 0;) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

inline std::vector<std::size_t> random_shape(std::mt19937& g, std::size_t max_dim) {
  std::vector<std::size_t> s(g() % 5);
  for (auto& d : s) d = 1 + g() % max_dim;
  return s;
}

constexpr Kind kKinds[] = {Kind::c_order, Kind::reversed, Kind::step2, Kind::transposed, Kind::offset};

}  // namespace trueno::test
