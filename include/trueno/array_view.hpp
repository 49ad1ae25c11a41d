// trueno/array_view.hpp: ArrayView, a strided N-d view of memory trueno does not own: the
// operand type of the N-d forms of the ops (broadcasting, axis reductions, strided inputs).
//
// A view is a pointer, a shape and strides in elements (not bytes, unlike NumPy), up to
// kMaxDims dimensions. Strides may be negative (a reversed view) or zero (a broadcast
// dimension, inputs only). A 0-d view (no dimensions) is one element: a scalar operand.
//
//   float x[6] = {...};
//   trueno::ArrayView<const float> m(x, {2, 3});             // C order, strides {3, 1}
//   trueno::ArrayView<const float> t(x, {3, 2}, {1, 3});     // its transpose
//   trueno::ArrayView<const float> two = trueno::scalar_view(&two_value);
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <type_traits>

#include "trueno/error.hpp"

namespace trueno {

/// The most dimensions a view has (NumPy allows 64; more than 8 is rare outside of tests).
inline constexpr std::size_t kMaxDims = 8;

template <class T>
class ArrayView {
 public:
  using value_type = std::remove_const_t<T>;

  /// A 0-d view of one element.
  explicit ArrayView(T* data) : data_(data) {}
  /// A 1-d contiguous view of a span.
  explicit ArrayView(std::span<T> s) : data_(s.data()), ndim_(1) {
    shape_[0] = s.size();
    strides_[0] = 1;
  }
  /// A C-ordered (row-major, contiguous) view of the given shape.
  ArrayView(T* data, std::initializer_list<std::size_t> shape) : ArrayView(data, shape.begin(), shape.size()) {}
  ArrayView(T* data, const std::size_t* shape, std::size_t ndim) : data_(data), ndim_(checked_ndim(ndim)) {
    std::ptrdiff_t s = 1;
    for (std::size_t i = ndim; i-- > 0;) {
      shape_[i] = shape[i];
      strides_[i] = s;
      s *= static_cast<std::ptrdiff_t>(shape[i] > 0 ? shape[i] : 1);  // no zero strides (NumPy's too)
    }
  }
  /// Any layout: element (i0, i1, ...) at data[i0 * strides[0] + i1 * strides[1] + ...].
  ArrayView(T* data, std::initializer_list<std::size_t> shape, std::initializer_list<std::ptrdiff_t> strides)
      : ArrayView(data, shape.begin(), strides.begin(), shape.size()) {
    if (strides.size() != shape.size()) throw InvalidArgument("trueno::ArrayView: shape and strides differ in length");
  }
  ArrayView(T* data, const std::size_t* shape, const std::ptrdiff_t* strides, std::size_t ndim)
      : data_(data), ndim_(checked_ndim(ndim)) {
    for (std::size_t i = 0; i < ndim; ++i) {
      shape_[i] = shape[i];
      strides_[i] = strides[i];
    }
  }
  /// A view of mutable memory is also a read-only view.
  template <class U>
  requires std::is_same_v<const U, T> &&
      (!std::is_same_v<U, T>)ArrayView(const ArrayView<U>& v)  // NOLINT(google-explicit-constructor): as T* -> const T*
      : ArrayView(v.data(), v.shape().data(), v.strides().data(), v.ndim()) {}

  T* data() const { return data_; }
  std::size_t ndim() const { return ndim_; }
  std::size_t shape(std::size_t i) const { return shape_[i]; }
  std::ptrdiff_t stride(std::size_t i) const { return strides_[i]; }
  std::span<const std::size_t> shape() const { return {shape_.data(), ndim_}; }
  std::span<const std::ptrdiff_t> strides() const { return {strides_.data(), ndim_}; }
  /// The number of elements (1 for a 0-d view, 0 if any dimension is 0).
  std::size_t size() const {
    std::size_t n = 1;
    for (std::size_t i = 0; i < ndim_; ++i) n *= shape_[i];
    return n;
  }

 private:
  static std::size_t checked_ndim(std::size_t ndim) {
    if (ndim > kMaxDims) throw InvalidArgument("trueno::ArrayView: more than 8 dimensions");
    return ndim;
  }

  T* data_;
  std::size_t ndim_ = 0;
  std::array<std::size_t, kMaxDims> shape_{};
  std::array<std::ptrdiff_t, kMaxDims> strides_{};
};

/// A 0-d view of one value: a scalar operand (trueno::mul(x, scalar_view(&two), out)).
template <class T>
ArrayView<const T> scalar_view(const T* value) {
  return ArrayView<const T>(value);
}

}  // namespace trueno
