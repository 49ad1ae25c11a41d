// eigen.cpp: front-ends of symmetric_eigen and SymmetricEigen::reconstruct: validate (square,
// non-empty, finite, symmetric; shapes), allocate the results, then the CPU executor
// (cpu/exec/eigen.hpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/matrix_util.hpp"
#include "cpu/exec/eigen.hpp"
#include "trueno/linalg.hpp"

namespace trueno {
namespace {

constexpr const char* kOp = "symmetric_eigen";

// Square, non-empty, finite, and symmetric within sqrt(eps(T)) * max|A|.
template <class T>
double validate(ConstMatrixView<T> a) {
  if (a.rows() != a.cols()) detail::throw_invalid(kOp, "A is " + detail::shape(a) + ", not square");
  if (a.empty()) throw EmptyInput(detail::op_prefix(kOp) + "A is 0x0 (the result is undefined)");
  const std::size_t n = a.rows();
  double amax = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const double v = a(i, j);
      if (!std::isfinite(v))
        detail::throw_invalid(kOp, "A[" + std::to_string(i) + ", " + std::to_string(j) + "] is " + std::to_string(v) +
                                       " (the input must be finite)");
      amax = std::max(amax, std::fabs(v));
    }
  const double tol = std::sqrt(static_cast<double>(std::numeric_limits<T>::epsilon())) * amax;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const double d = std::fabs(static_cast<double>(a(i, j)) - static_cast<double>(a(j, i)));
      if (d > tol)
        detail::throw_invalid(kOp, "A is not symmetric: A[" + std::to_string(i) + ", " + std::to_string(j) +
                                       "] = " + std::to_string(a(i, j)) + " but A[" + std::to_string(j) + ", " +
                                       std::to_string(i) + "] = " + std::to_string(a(j, i)) + " (tolerance " +
                                       std::to_string(tol) + " = sqrt(eps) * max|A|)");
    }
  return amax;
}

template <class T>
SymmetricEigen<T> eigen_impl(ConstMatrixView<T> a) {
  const double amax = validate(a);
  const std::size_t n = a.rows();
  SymmetricEigen<T> out{Vector<T>::uninitialized(n), Matrix<T>::uninitialized(n, n)};
  if (!cpu::exec::symmetric_eigen(a.data(), a.stride(), n, amax, out.values.data(), out.vectors.data(),
                                  out.vectors.stride()))
    throw Error(detail::op_prefix(kOp) + "the QL iteration did not converge");
  return out;
}

template <class T>
Matrix<T> reconstruct_impl(const SymmetricEigen<T>& eig) {
  const std::size_t n = eig.values.size();
  if (eig.vectors.rows() != n || eig.vectors.cols() != n)
    throw SizeMismatch("trueno::SymmetricEigen::reconstruct: vectors are " + detail::shape(eig.vectors.view()) +
                       " but there are " + std::to_string(n) + " values");
  auto out = Matrix<T>::uninitialized(n, n);
  cpu::exec::eigen_reconstruct(eig.values.data(), eig.vectors.data(), n, out.data());
  return out;
}

}  // namespace

template <MatrixElement T>
Matrix<T> SymmetricEigen<T>::reconstruct() const {
  return reconstruct_impl(*this);
}
template struct SymmetricEigen<float>;
template struct SymmetricEigen<double>;

SymmetricEigen<float> symmetric_eigen(ConstMatrixView<float> a) { return eigen_impl<float>(a); }
SymmetricEigen<double> symmetric_eigen(ConstMatrixView<double> a) { return eigen_impl<double>(a); }

}  // namespace trueno
