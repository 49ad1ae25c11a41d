// matrix_ops.cpp: front-ends of transpose and the 2-D convolutions: validate shapes and overlap,
// then the CPU executor (cpu/exec/matrix.hpp). The allocating forms allocate the result only.
#include <string>

#include "core/matrix_util.hpp"
#include "cpu/exec/matrix.hpp"
#include "trueno/linalg.hpp"

namespace trueno {
namespace {

namespace exec = cpu::exec;
using detail::shape;

template <class T>
void transpose_into(ConstMatrixView<T> a, MatrixView<T> out) {
  detail::check_out_shape<T>("transpose", out, a.cols(), a.rows());
  detail::check_disjoint<T>("transpose", out, "A", a);
  exec::transpose(a.data(), a.stride(), a.rows(), a.cols(), out.data(), out.stride());
}

template <class T>
Matrix<T> transpose_alloc(ConstMatrixView<T> a) {
  auto out = Matrix<T>::uninitialized(a.cols(), a.rows());
  transpose_into<T>(a, out);
  return out;
}

template <class T>
void check_kernel(const char* op, ConstMatrixView<T> image, ConstMatrixView<T> kernel) {
  if (kernel.empty()) detail::throw_invalid(op, "the kernel is empty (" + shape(kernel) + ")");
  if (kernel.rows() > image.rows() || kernel.cols() > image.cols())
    detail::throw_invalid(op, "the kernel (" + shape(kernel) + ") is larger than the image (" + shape(image) +
                                  "): valid mode has no output");
}

template <class T>
void conv_into(const char* op, bool flip, ConstMatrixView<T> image, ConstMatrixView<T> kernel, MatrixView<T> out) {
  check_kernel(op, image, kernel);
  const std::size_t oh = image.rows() - kernel.rows() + 1, ow = image.cols() - kernel.cols() + 1;
  detail::check_out_shape<T>(op, out, oh, ow);
  detail::check_disjoint<T>(op, out, "the image", image);
  detail::check_disjoint<T>(op, out, "the kernel", kernel);
  const auto ld = static_cast<std::ptrdiff_t>(kernel.stride());
  // The flipped kernel is the same memory walked backwards: no copy.
  const MatRef<T> ker =
      flip ? MatRef<T>{&kernel(kernel.rows() - 1, kernel.cols() - 1), -ld, -1} : MatRef<T>{kernel.data(), ld, 1};
  exec::correlate2d(image.data(), image.stride(), ker, kernel.rows(), kernel.cols(), out.data(), out.stride(), oh, ow);
}

template <class T>
Matrix<T> conv_alloc(const char* op, bool flip, ConstMatrixView<T> image, ConstMatrixView<T> kernel) {
  check_kernel(op, image, kernel);
  auto out = Matrix<T>::uninitialized(image.rows() - kernel.rows() + 1, image.cols() - kernel.cols() + 1);
  conv_into<T>(op, flip, image, kernel, out);
  return out;
}

}  // namespace

Matrix<float> transpose(ConstMatrixView<float> a) { return transpose_alloc<float>(a); }
Matrix<double> transpose(ConstMatrixView<double> a) { return transpose_alloc<double>(a); }
void transpose(ConstMatrixView<float> a, MatrixView<float> out) { transpose_into<float>(a, out); }
void transpose(ConstMatrixView<double> a, MatrixView<double> out) { transpose_into<double>(a, out); }

Matrix<float> convolve2d(ConstMatrixView<float> image, ConstMatrixView<float> kernel) {
  return conv_alloc<float>("convolve2d", true, image, kernel);
}
Matrix<double> convolve2d(ConstMatrixView<double> image, ConstMatrixView<double> kernel) {
  return conv_alloc<double>("convolve2d", true, image, kernel);
}
void convolve2d(ConstMatrixView<float> image, ConstMatrixView<float> kernel, MatrixView<float> out) {
  conv_into<float>("convolve2d", true, image, kernel, out);
}
void convolve2d(ConstMatrixView<double> image, ConstMatrixView<double> kernel, MatrixView<double> out) {
  conv_into<double>("convolve2d", true, image, kernel, out);
}
Matrix<float> correlate2d(ConstMatrixView<float> image, ConstMatrixView<float> kernel) {
  return conv_alloc<float>("correlate2d", false, image, kernel);
}
Matrix<double> correlate2d(ConstMatrixView<double> image, ConstMatrixView<double> kernel) {
  return conv_alloc<double>("correlate2d", false, image, kernel);
}
void correlate2d(ConstMatrixView<float> image, ConstMatrixView<float> kernel, MatrixView<float> out) {
  conv_into<float>("correlate2d", false, image, kernel, out);
}
void correlate2d(ConstMatrixView<double> image, ConstMatrixView<double> kernel, MatrixView<double> out) {
  conv_into<double>("correlate2d", false, image, kernel, out);
}

}  // namespace trueno
