// layout.hpp: how the N-d forms of the element-wise ops see their operands, device-neutral:
// every input broadcast to the output's shape (NumPy's rules), the dimensions ordered by the
// output's strides and merged where every operand allows it. An executor then walks at most
// kMaxDims loops over the merged shape; the common cases reduce to one contiguous dimension
// (the 1-d fast path) or to rows with a contiguous or broadcast inner dimension.
#pragma once

#include <utility>
#include <array>
#include <cstddef>
#include <string>

#include "core/checks.hpp"
#include "trueno/array_view.hpp"

namespace trueno::detail {

/// K operands over one iteration space; operand 0 is the output. Strides in elements; 0 where
/// an input is broadcast. After make_layout: ndim >= 1 and no dimension of size 1 unless the
/// whole space is one element.
template <std::size_t K>
struct Layout {
  std::size_t ndim = 0;
  std::array<std::size_t, kMaxDims> shape{};
  std::array<std::array<std::ptrdiff_t, kMaxDims>, K> strides{};

  std::size_t size() const {
    std::size_t n = 1;
    for (std::size_t d = 0; d < ndim; ++d) n *= shape[d];
    return n;
  }
  /// One dimension, every operand contiguous along it: the 1-d kernels apply directly.
  bool contiguous() const {
    if (ndim != 1) return false;
    for (std::size_t k = 0; k < K; ++k)
      if (strides[k][0] != 1 && shape[0] > 1) return false;
    return true;
  }
};

inline std::string shape_str(std::span<const std::size_t> shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + (shape.size() == 1 ? ",)" : ")");
}

/// The lowest and one past the highest element address a view touches (empty views: equal).
template <class T>
std::pair<const char*, const char*> extent(const ArrayView<T>& v) {
  const auto* p = reinterpret_cast<const char*>(v.data());
  if (v.size() == 0) return {p, p};
  std::ptrdiff_t lo = 0, hi = 0;
  for (std::size_t d = 0; d < v.ndim(); ++d) {
    const std::ptrdiff_t span = (static_cast<std::ptrdiff_t>(v.shape(d)) - 1) * v.stride(d);
    (span < 0 ? lo : hi) += span;
  }
  constexpr auto size = static_cast<std::ptrdiff_t>(sizeof(T));
  return {p + lo * size, p + (hi + 1) * size};
}

/// Dimensions [0, n) of shape with S stride arrays (in place): size-1 dimensions dropped, the rest
/// ordered by the first stride array's magnitude (largest first, so the innermost loop walks
/// that operand's memory in order), and a dimension merged into the one before it where every
/// stride array steps through both as through one. Returns the new count. Empty dimensions are
/// not merged (the iteration space is empty either way).
template <std::size_t S>
std::size_t normalize_dims(std::size_t n, std::array<std::size_t, kMaxDims>& shape,
                           const std::array<std::array<std::ptrdiff_t, kMaxDims>*, S>& strides) {
  std::size_t m = 0;
  for (std::size_t d = 0; d < n; ++d) {
    if (shape[d] == 1) continue;
    shape[m] = shape[d];
    for (auto* s : strides) (*s)[m] = (*s)[d];
    ++m;
  }
  const auto mag = [](std::ptrdiff_t v) { return v < 0 ? -v : v; };
  // Insertion sort: stable, and no allocation (std::stable_sort takes a temporary buffer).
  for (std::size_t i = 1; i < m; ++i)
    for (std::size_t j = i; j > 0 && mag((*strides[0])[j]) > mag((*strides[0])[j - 1]); --j) {
      std::swap(shape[j], shape[j - 1]);
      for (auto* s : strides) std::swap((*s)[j], (*s)[j - 1]);
    }
  std::size_t k = 0;
  for (std::size_t d = 0; d < m; ++d) {
    bool fits = k > 0 && shape[d] != 0 && shape[k - 1] != 0;
    for (auto* s : strides) fits = fits && (*s)[k - 1] == (*s)[d] * static_cast<std::ptrdiff_t>(shape[d]);
    if (fits) {
      shape[k - 1] *= shape[d];
      for (auto* s : strides) (*s)[k - 1] = (*s)[d];
    } else {
      shape[k] = shape[d];
      for (auto* s : strides) (*s)[k] = (*s)[d];
      ++k;
    }
  }
  return k;
}

/// The layout of out = f(in...): each input must broadcast to out's shape (SizeMismatch naming
/// the op and the shapes otherwise); out must not be broadcast itself (no zero stride over more
/// than one element) and must be either the very same view as an input or disjoint from it
/// (InvalidArgument).
template <class T, std::size_t N>
Layout<N + 1> make_layout(const char* op, const ArrayView<T>& out, const std::array<ArrayView<const T>, N>& in,
                          const std::array<const char*, N>& names) {
  constexpr std::size_t K = N + 1;
  const std::size_t nd = out.ndim();
  Layout<K> l;
  l.ndim = nd;
  for (std::size_t d = 0; d < nd; ++d) {
    l.shape[d] = out.shape(d);
    l.strides[0][d] = out.stride(d);
    if (out.stride(d) == 0 && out.shape(d) > 1 && out.size() > 0)
      throw_invalid(op, "out is broadcast (a zero stride): it cannot be written");
  }
  const auto out_extent = extent(out);
  for (std::size_t k = 0; k < N; ++k) {
    const ArrayView<const T>& v = in[k];
    const auto mismatch = [&] {
      throw SizeMismatch(op_prefix(op) + names[k] + " has shape " + shape_str(v.shape()) +
                         ", which does not broadcast to the result's shape " + shape_str(out.shape()));
    };
    if (v.ndim() > nd) {
      for (std::size_t d = 0; d < v.ndim() - nd; ++d)
        if (v.shape(d) != 1) mismatch();
    }
    bool same_as_out = v.data() == out.data();
    for (std::size_t d = 0; d < nd; ++d) {
      const std::size_t vd = d + v.ndim();  // the matching dimension of v, counted from the right
      std::ptrdiff_t s = 0;
      if (vd >= nd) {
        const std::size_t i = vd - nd;
        if (v.shape(i) == out.shape(d))
          s = v.stride(i);
        else if (v.shape(i) != 1)
          mismatch();
      }
      l.strides[k + 1][d] = s;
      if (s != out.stride(d) && out.shape(d) > 1) same_as_out = false;
    }
    if (!same_as_out && out.size() > 0 && v.size() > 0) {
      const auto e = extent(v);
      if (e.first < out_extent.second && out_extent.first < e.second)
        throw_invalid(op, std::string("out partially overlaps ") + names[k] +
                              " (it may be the very same array, or disjoint from it)");
    }
  }
  // Ordered by out's strides, merged: every operand's strides travel with the dimensions.
  std::array<std::array<std::ptrdiff_t, kMaxDims>*, K> strides;
  for (std::size_t k = 0; k < K; ++k) strides[k] = &l.strides[k];
  l.ndim = normalize_dims<K>(l.ndim, l.shape, strides);
  if (l.ndim == 0) {  // one element (or every dimension of size 1)
    l.ndim = 1;
    l.shape[0] = 1;
    for (std::size_t k = 0; k < K; ++k) l.strides[k][0] = 1;
  }
  return l;
}

}  // namespace trueno::detail
