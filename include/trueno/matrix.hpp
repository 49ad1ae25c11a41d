// trueno/matrix.hpp: Matrix<T> (owning, row-major) and the non-owning strided views
// MatrixView<T> / ConstMatrixView<T> that every matrix operation takes.
//
// Layout: row-major; element (i, j) of a view is data()[i * stride() + j]. A Matrix is
// contiguous (stride() == cols()) with its first element 64-byte aligned; rows are not padded
// (docs/matrix.md says why: packing GEMM does not need it, NumPy and std::vector interop
// does need contiguity). Views describe any row-major block, e.g. a sub-matrix or a
// padded buffer, with stride() >= cols().
#pragma once

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "trueno/error.hpp"
#include "trueno/vector.hpp"

namespace trueno {

/// Element types of matrices: float and double.
template <class T>
concept MatrixElement = std::is_same_v<T, float> || std::is_same_v<T, double>;

namespace detail {
[[noreturn]] inline void throw_matrix(const std::string& what) { throw InvalidArgument("trueno::Matrix: " + what); }

inline std::size_t checked_elements(std::size_t rows, std::size_t cols) {
  if (cols != 0 && rows > static_cast<std::size_t>(-1) / cols)
    throw_matrix(std::to_string(rows) + "x" + std::to_string(cols) + " elements overflow size_t");
  return rows * cols;
}
}  // namespace detail

/// A non-owning rows x cols window on row-major memory with row stride `stride` (elements).
/// E is T (mutable view, MatrixView<T>) or const T (ConstMatrixView<T>). Cheap to copy.
template <class E>
class BasicMatrixView {
 public:
  using value_type = std::remove_const_t<E>;

  BasicMatrixView() noexcept = default;
  /// Throws InvalidArgument if stride < cols while rows > 1 (rows would overlap).
  BasicMatrixView(E* data, std::size_t rows, std::size_t cols, std::size_t stride)
      : data_(data), rows_(rows), cols_(cols), stride_(stride) {
    if (rows > 1 && stride < cols)
      detail::throw_matrix("view stride " + std::to_string(stride) + " is less than its " + std::to_string(cols) +
                           " columns");
  }
  /// A contiguous rows x cols view (stride == cols).
  BasicMatrixView(E* data, std::size_t rows, std::size_t cols) : BasicMatrixView(data, rows, cols, cols) {}
  /// The same, for callers that need noexcept: a contiguous view has no stride to check.
  static BasicMatrixView contiguous(E* data, std::size_t rows, std::size_t cols) noexcept {
    BasicMatrixView v;
    v.data_ = data;
    v.rows_ = rows;
    v.cols_ = cols;
    v.stride_ = cols;
    return v;
  }
  /// MatrixView<T> -> ConstMatrixView<T>.
  template <class F>
  requires(std::is_same_v<const F, E> && !std::is_same_v<F, E>) BasicMatrixView(const BasicMatrixView<F>& v)
  noexcept  // NOLINT(google-explicit-constructor)
      : data_(v.data()), rows_(v.rows()), cols_(v.cols()), stride_(v.stride()) {}

  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  [[nodiscard]] std::size_t cols() const noexcept { return cols_; }
  [[nodiscard]] std::size_t stride() const noexcept { return stride_; }
  [[nodiscard]] std::size_t size() const noexcept { return rows_ * cols_; }
  [[nodiscard]] bool empty() const noexcept { return rows_ == 0 || cols_ == 0; }
  [[nodiscard]] E* data() const noexcept { return data_; }
  /// True when the elements are one contiguous run (stride == cols, or a single row).
  [[nodiscard]] bool is_contiguous() const noexcept { return stride_ == cols_ || rows_ <= 1; }

  E& operator()(std::size_t i, std::size_t j) const noexcept { return data_[i * stride_ + j]; }
  /// Row i as a span of cols() elements.
  [[nodiscard]] std::span<E> row(std::size_t i) const noexcept { return {data_ + i * stride_, cols_}; }

  /// The nr x nc block starting at (r0, c0); throws InvalidArgument if it does not fit.
  [[nodiscard]] BasicMatrixView block(std::size_t r0, std::size_t c0, std::size_t nr, std::size_t nc) const {
    if (r0 > rows_ || nr > rows_ - r0 || c0 > cols_ || nc > cols_ - c0)
      detail::throw_matrix("block at (" + std::to_string(r0) + ", " + std::to_string(c0) + ") of " +
                           std::to_string(nr) + "x" + std::to_string(nc) + " exceeds a " + std::to_string(rows_) + "x" +
                           std::to_string(cols_) + " view");
    return BasicMatrixView(data_ + r0 * stride_ + c0, nr, nc, nr > 1 ? stride_ : std::max(stride_, nc));
  }

 private:
  E* data_ = nullptr;
  std::size_t rows_ = 0, cols_ = 0, stride_ = 0;
};

template <class T>
using MatrixView = BasicMatrixView<T>;
template <class T>
using ConstMatrixView = BasicMatrixView<const T>;

/// Owning row-major matrix of float or double, contiguous, 64-byte aligned when trueno
/// allocates it (a Matrix adopting a std::vector keeps that vector's buffer as it is).
/// Stores its elements in a Vector<T>: allocating operations allocate exactly once.
template <MatrixElement T>
class Matrix {
 public:
  using value_type = T;

  Matrix() noexcept = default;
  /// rows x cols zeros.
  Matrix(std::size_t rows, std::size_t cols) : data_(detail::checked_elements(rows, cols)), rows_(rows), cols_(cols) {}
  /// rows x cols copies of value.
  Matrix(std::size_t rows, std::size_t cols, T value)
      : data_(detail::checked_elements(rows, cols), value), rows_(rows), cols_(cols) {}
  /// Adopts `data` (row-major, rows * cols elements) without copying it; SizeMismatch otherwise.
  Matrix(std::size_t rows, std::size_t cols, std::vector<T>&& data) : Matrix(rows, cols, Vector<T>(std::move(data))) {}
  /// Adopts a Vector's storage without copying it; SizeMismatch if it has not rows * cols elements.
  Matrix(std::size_t rows, std::size_t cols, Vector<T>&& data) : rows_(rows), cols_(cols) {
    if (data.size() != detail::checked_elements(rows, cols))
      throw SizeMismatch("trueno::Matrix: " + std::to_string(rows) + "x" + std::to_string(cols) + " needs " +
                         std::to_string(rows * cols) + " elements but the data has " + std::to_string(data.size()));
    data_ = std::move(data);
  }
  /// Row by row: Matrix<float>{{1, 2}, {3, 4}}; SizeMismatch if the rows differ in length.
  Matrix(std::initializer_list<std::initializer_list<T>> rows)
      : Matrix(uninitialized(rows.size(), rows.size() ? rows.begin()->size() : 0)) {
    std::size_t i = 0;
    for (const auto& r : rows) {
      if (r.size() != cols_)
        throw SizeMismatch("trueno::Matrix: row " + std::to_string(i) + " has " + std::to_string(r.size()) +
                           " elements but row 0 has " + std::to_string(cols_));
      std::copy(r.begin(), r.end(), data_.data() + i++ * cols_);
    }
  }

  /// rows x cols with unspecified values: the destination of an operation's `out` form.
  static Matrix uninitialized(std::size_t rows, std::size_t cols) {
    return Matrix(rows, cols, Vector<T>::uninitialized(detail::checked_elements(rows, cols)));
  }
  /// A copy of `data` (row-major, rows * cols elements); SizeMismatch otherwise.
  static Matrix from_span(std::size_t rows, std::size_t cols, std::span<const T> data) {
    if (data.size() != detail::checked_elements(rows, cols))
      throw SizeMismatch("trueno::Matrix::from_span: " + std::to_string(rows) + "x" + std::to_string(cols) + " needs " +
                         std::to_string(rows * cols) + " elements but the span has " + std::to_string(data.size()));
    return Matrix(rows, cols, Vector<T>::from_slice(data));
  }
  /// A contiguous copy of any view.
  static Matrix from_view(ConstMatrixView<T> v) {
    Matrix m = uninitialized(v.rows(), v.cols());
    for (std::size_t i = 0; i < v.rows(); ++i) std::copy(v.row(i).begin(), v.row(i).end(), m.row(i).begin());
    return m;
  }
  /// The n x n identity.
  static Matrix identity(std::size_t n) {
    Matrix m(n, n);
    for (std::size_t i = 0; i < n; ++i) m(i, i) = T(1);
    return m;
  }

  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }
  [[nodiscard]] std::size_t cols() const noexcept { return cols_; }
  [[nodiscard]] std::size_t stride() const noexcept { return cols_; }
  [[nodiscard]] std::size_t size() const noexcept { return rows_ * cols_; }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  [[nodiscard]] T* data() noexcept { return data_.data(); }
  [[nodiscard]] const T* data() const noexcept { return data_.data(); }

  T& operator()(std::size_t i, std::size_t j) noexcept { return data_[i * cols_ + j]; }
  const T& operator()(std::size_t i, std::size_t j) const noexcept { return data_[i * cols_ + j]; }
  [[nodiscard]] std::span<T> row(std::size_t i) noexcept { return {data_.data() + i * cols_, cols_}; }
  [[nodiscard]] std::span<const T> row(std::size_t i) const noexcept { return {data_.data() + i * cols_, cols_}; }
  /// All elements, row after row.
  [[nodiscard]] std::span<T> span() noexcept { return data_.span(); }
  [[nodiscard]] std::span<const T> span() const noexcept { return data_.span(); }

  [[nodiscard]] MatrixView<T> view() noexcept { return MatrixView<T>::contiguous(data_.data(), rows_, cols_); }
  [[nodiscard]] ConstMatrixView<T> view() const noexcept {
    return ConstMatrixView<T>::contiguous(data_.data(), rows_, cols_);
  }
  operator MatrixView<T>() noexcept { return view(); }             // NOLINT: a view, free
  operator ConstMatrixView<T>() const noexcept { return view(); }  // NOLINT: a view, free

  /// Moves the storage out (e.g. to hand it to NumPy without a copy); leaves this 0x0.
  Vector<T> release() && noexcept {
    rows_ = cols_ = 0;
    return std::move(data_);
  }

  /// Same shape and element-wise equal (NaN != NaN, -0 == +0).
  friend bool operator==(const Matrix& a, const Matrix& b) noexcept {
    return a.rows_ == b.rows_ && a.cols_ == b.cols_ && a.data_ == b.data_;
  }

 private:
  Vector<T> data_;
  std::size_t rows_ = 0, cols_ = 0;
};

}  // namespace trueno
