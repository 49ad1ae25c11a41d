// trueno/vector.hpp: Vector<T>, the owning, 64-byte aligned array every allocating op returns.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace trueno {

namespace detail {
/// Aligned (64-byte) storage for Vector. Large blocks are recycled through a bounded cache so
/// that a result of 10M elements does not pay a page fault per 4 KiB page on every call.
void* allocate_bytes(std::size_t bytes);
void deallocate_bytes(void* p, std::size_t bytes) noexcept;
}  // namespace detail

/// Element types trueno stores: float and double everywhere, int32/int64 for aggregations.
template <class T>
concept Element = std::is_same_v<T, float> || std::is_same_v<T, double> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, std::int64_t>;

/// Owning contiguous array of T. Storage allocated by trueno is 64-byte aligned; a Vector
/// built from a std::vector&& adopts that buffer as it is (no copy, std::allocator alignment).
/// Every trueno kernel accepts any alignment, so both kinds work everywhere.
template <Element T>
class Vector {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using iterator = T*;
  using const_iterator = const T*;

  Vector() noexcept = default;

  /// n zero-initialized elements.
  explicit Vector(std::size_t n) : Vector(uninitialized(n)) { std::fill_n(data_, size_, T{}); }

  /// n copies of value.
  Vector(std::size_t n, T value) : Vector(uninitialized(n)) { std::fill_n(data_, size_, value); }

  Vector(std::initializer_list<T> values) : Vector(uninitialized(values.size())) {
    std::copy(values.begin(), values.end(), data_);
  }

  /// Takes v's buffer without copying it.
  Vector(std::vector<T>&& v) noexcept  // NOLINT(google-explicit-constructor): the from_vec path
      : adopted_(std::move(v)) {
    data_ = adopted_.data();
    size_ = adopted_.size();
  }

  /// n elements with unspecified values: the destination of a span-form operation.
  static Vector uninitialized(std::size_t n) {
    Vector v;
    if (n != 0) {
      v.data_ = static_cast<T*>(detail::allocate_bytes(n * sizeof(T)));
      v.size_ = n;
      v.owned_ = true;
    }
    return v;
  }

  /// A copy of the elements of s.
  static Vector from_slice(std::span<const T> s) {
    Vector v = uninitialized(s.size());
    std::copy(s.begin(), s.end(), v.data_);
    return v;
  }

  Vector(const Vector& other) : Vector(from_slice(other.span())) {}
  Vector(Vector&& other) noexcept { swap(other); }
  Vector& operator=(const Vector& other) {
    if (this != &other) {
      Vector copy(other);
      swap(copy);
    }
    return *this;
  }
  Vector& operator=(Vector&& other) noexcept {
    Vector moved(std::move(other));
    swap(moved);
    return *this;
  }
  ~Vector() { release(); }

  void swap(Vector& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(owned_, other.owned_);
    std::swap(adopted_, other.adopted_);
  }

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] T* data() noexcept { return data_; }
  [[nodiscard]] const T* data() const noexcept { return data_; }
  [[nodiscard]] std::span<T> span() noexcept { return {data_, size_}; }
  [[nodiscard]] std::span<const T> span() const noexcept { return {data_, size_}; }
  operator std::span<const T>() const noexcept { return span(); }  // NOLINT: a view, free
  operator std::span<T>() noexcept { return span(); }              // NOLINT: a view, free

  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  iterator begin() noexcept { return data_; }
  iterator end() noexcept { return data_ + size_; }
  const_iterator begin() const noexcept { return data_; }
  const_iterator end() const noexcept { return data_ + size_; }

  /// Element-wise equality with T's ==: NaN != NaN, -0 == +0 (as std::vector).
  friend bool operator==(const Vector& a, const Vector& b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  void release() noexcept {
    if (owned_) detail::deallocate_bytes(data_, size_ * sizeof(T));
    data_ = nullptr;
    size_ = 0;
    owned_ = false;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  bool owned_ = false;      // data_ came from detail::allocate_bytes
  std::vector<T> adopted_;  // non-empty only for a Vector built from std::vector&&
};

}  // namespace trueno
