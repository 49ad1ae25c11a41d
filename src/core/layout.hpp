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
  // Drop dimensions of size 1; order the rest by the output's strides, largest first, so that
  // the innermost loop walks the output's memory in order.
  std::size_t m = 0;
  for (std::size_t d = 0; d < l.ndim; ++d) {
    if (l.shape[d] == 1) continue;
    l.shape[m] = l.shape[d];
    for (std::size_t k = 0; k < K; ++k) l.strides[k][m] = l.strides[k][d];
    ++m;
  }
  l.ndim = m;
  std::array<std::size_t, kMaxDims> order{};
  for (std::size_t d = 0; d < m; ++d) order[d] = d;
  const auto mag = [](std::ptrdiff_t s) { return s < 0 ? -s : s; };
  // Insertion sort: stable, and no allocation (std::stable_sort takes a temporary buffer).
  for (std::size_t i = 1; i < m; ++i)
    for (std::size_t j = i; j > 0 && mag(l.strides[0][order[j]]) > mag(l.strides[0][order[j - 1]]); --j)
      std::swap(order[j], order[j - 1]);
  Layout<K> sorted = l;
  for (std::size_t d = 0; d < m; ++d) {
    sorted.shape[d] = l.shape[order[d]];
    for (std::size_t k = 0; k < K; ++k) sorted.strides[k][d] = l.strides[k][order[d]];
  }
  // Merge dimension d into d + 1 where every operand steps through both as through one.
  Layout<K> merged = sorted;
  merged.ndim = 0;
  for (std::size_t d = 0; d < m; ++d) {
    const std::size_t j = merged.ndim;
    bool fits = j > 0;
    for (std::size_t k = 0; k < K && fits; ++k)
      fits = merged.strides[k][j - 1] == sorted.strides[k][d] * static_cast<std::ptrdiff_t>(sorted.shape[d]);
    if (fits) {
      merged.shape[j - 1] *= sorted.shape[d];
      for (std::size_t k = 0; k < K; ++k) merged.strides[k][j - 1] = sorted.strides[k][d];
    } else {
      merged.shape[j] = sorted.shape[d];
      for (std::size_t k = 0; k < K; ++k) merged.strides[k][j] = sorted.strides[k][d];
      merged.ndim = j + 1;
    }
  }
  if (merged.ndim == 0) {  // one element (or every dimension of size 1)
    merged.ndim = 1;
    merged.shape[0] = 1;
    for (std::size_t k = 0; k < K; ++k) merged.strides[k][0] = 1;
  }
  return merged;
}

}  // namespace trueno::detail
