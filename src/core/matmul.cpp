// matmul.cpp: front-ends of gemm/matmul, matvec/vecmat and the batched products: validate
// shapes and overlap, describe the operands, then hand the product to the CPU executor
// (cpu/exec/gemm.hpp).
#include <string>

#include "core/matrix_util.hpp"
#include "cpu/exec/gemm.hpp"
#include "trueno/linalg.hpp"

namespace trueno {
namespace {

namespace exec = cpu::exec;
using detail::shape;

template <class T>
MatRef<T> operand(ConstMatrixView<T> v, Transpose t) {
  const auto ld = static_cast<std::ptrdiff_t>(v.stride());
  if (t == Transpose::yes) return {v.data(), 1, ld};
  return {v.data(), ld, 1};
}

struct Dims {
  std::size_t m, n, k;
};

template <class T>
Dims product_dims(const char* op, ConstMatrixView<T> a, Transpose ta, ConstMatrixView<T> b, Transpose tb) {
  const bool at = ta == Transpose::yes, bt = tb == Transpose::yes;
  const Dims d{at ? a.cols() : a.rows(), bt ? b.rows() : b.cols(), at ? a.rows() : a.cols()};
  const std::size_t kb = bt ? b.cols() : b.rows();
  if (d.k != kb) {
    throw SizeMismatch(detail::op_prefix(op) + "op(A) is " + shape(d.m, d.k) + (at ? " (A^T of " : " (A ") + shape(a) +
                       ") but op(B) is " + shape(kb, d.n) + (bt ? " (B^T of " : " (B ") + shape(b) +
                       "): inner dimensions " + std::to_string(d.k) + " and " + std::to_string(kb) + " differ");
  }
  return d;
}

template <class T>
void gemm_checked(const char* op, T alpha, ConstMatrixView<T> a, Transpose ta, ConstMatrixView<T> b, Transpose tb,
                  T beta, MatrixView<T> c) {
  const Dims d = product_dims(op, a, ta, b, tb);
  detail::check_out_shape<T>(op, c, d.m, d.n);
  detail::check_disjoint<T>(op, c, "A", a);
  detail::check_disjoint<T>(op, c, "B", b);
  exec::gemm(GemmArgs<T>{d.m, d.n, d.k, alpha, beta, operand(a, ta), operand(b, tb), c.data(), c.stride()});
}

template <class T>
Matrix<T> matmul_alloc(ConstMatrixView<T> a, ConstMatrixView<T> b, Transpose ta, Transpose tb) {
  const Dims d = product_dims("matmul", a, ta, b, tb);
  auto c = Matrix<T>::uninitialized(d.m, d.n);
  gemm_checked<T>("matmul", T(1), a, ta, b, tb, T(0), c);
  return c;
}

template <class T>
void matvec_into(ConstMatrixView<T> a, std::span<const T> x, std::span<T> out) {
  detail::check_same_size("matvec", "x", x.size(), "A's columns", a.cols());
  detail::check_same_size("matvec", "out", out.size(), "A's rows", a.rows());
  detail::check_disjoint<T>("matvec", out, "A", detail::extent(a));
  detail::check_disjoint<T>("matvec", out, "x", {x.data(), x.data() + x.size()});
  exec::gemv(Transpose::no, a.rows(), a.cols(), T(1), a.data(), a.stride(), x.data(), T(0), out.data());
}

template <class T>
void vecmat_into(std::span<const T> x, ConstMatrixView<T> a, std::span<T> out) {
  detail::check_same_size("vecmat", "x", x.size(), "A's rows", a.rows());
  detail::check_same_size("vecmat", "out", out.size(), "A's columns", a.cols());
  detail::check_disjoint<T>("vecmat", out, "A", detail::extent(a));
  detail::check_disjoint<T>("vecmat", out, "x", {x.data(), x.data() + x.size()});
  exec::gemv(Transpose::yes, a.rows(), a.cols(), T(1), a.data(), a.stride(), x.data(), T(0), out.data());
}

std::size_t checked_product(const char* op, std::size_t a, std::size_t b, std::size_t c) {
  const std::size_t ab = detail::checked_elements(a, b);
  if (c != 0 && ab > static_cast<std::size_t>(-1) / c) detail::throw_invalid(op, "the shape overflows size_t");
  return ab * c;
}

template <class T>
void batched_into(const char* op, std::span<const T> a, std::span<const T> b, std::span<T> out, std::size_t batch,
                  std::size_t m, std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  const std::size_t sa = checked_product(op, batch, m, k), sb = checked_product(op, batch, k, n);
  const std::size_t sc = checked_product(op, batch, m, n);
  if (a.size() != sa || b.size() != sb || out.size() != sc) {
    // Built only here: a std::string per call would be a heap allocation (allocation audit).
    const std::string dims = " (batch " + std::to_string(batch) + ", m " + std::to_string(m) + ", k " +
                             std::to_string(k) + ", n " + std::to_string(n) + ")";
    throw SizeMismatch(detail::op_prefix(op) + "a, b, out have " + std::to_string(a.size()) + ", " +
                       std::to_string(b.size()) + ", " + std::to_string(out.size()) + " elements but the shape" + dims +
                       " needs " + std::to_string(sa) + ", " + std::to_string(sb) + ", " + std::to_string(sc));
  }
  detail::check_disjoint<T>(op, out, "a", {a.data(), a.data() + a.size()});
  detail::check_disjoint<T>(op, out, "b", {b.data(), b.data() + b.size()});
  // Product 0 as a contiguous (m x k or k x m) A and B; the executor moves along the batch.
  const bool at = ta == Transpose::yes, bt = tb == Transpose::yes;
  const ConstMatrixView<T> a0(a.data(), at ? k : m, at ? m : k);
  const ConstMatrixView<T> b0(b.data(), bt ? n : k, bt ? k : n);
  const GemmArgs<T> g{m, n, k, T(1), T(0), operand(a0, ta), operand(b0, tb), out.data(), n};
  exec::batched_gemm(g, batch, m * k, k * n, m * n);
}

template <class T>
Vector<T> batched_alloc(const char* op, std::span<const T> a, std::span<const T> b, std::size_t batch, std::size_t m,
                        std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  auto out = Vector<T>::uninitialized(checked_product(op, batch, m, n));
  batched_into<T>(op, a, b, out.span(), batch, m, k, n, ta, tb);
  return out;
}

}  // namespace

// ---- public entry points: float and double -------------------------------------------------
Matrix<float> matmul(ConstMatrixView<float> a, ConstMatrixView<float> b, Transpose ta, Transpose tb) {
  return matmul_alloc<float>(a, b, ta, tb);
}
Matrix<double> matmul(ConstMatrixView<double> a, ConstMatrixView<double> b, Transpose ta, Transpose tb) {
  return matmul_alloc<double>(a, b, ta, tb);
}
void matmul(ConstMatrixView<float> a, ConstMatrixView<float> b, MatrixView<float> out, Transpose ta, Transpose tb) {
  gemm_checked<float>("matmul", 1.0f, a, ta, b, tb, 0.0f, out);
}
void matmul(ConstMatrixView<double> a, ConstMatrixView<double> b, MatrixView<double> out, Transpose ta, Transpose tb) {
  gemm_checked<double>("matmul", 1.0, a, ta, b, tb, 0.0, out);
}
void gemm(float alpha, ConstMatrixView<float> a, ConstMatrixView<float> b, float beta, MatrixView<float> c,
          Transpose ta, Transpose tb) {
  gemm_checked<float>("gemm", alpha, a, ta, b, tb, beta, c);
}
void gemm(double alpha, ConstMatrixView<double> a, ConstMatrixView<double> b, double beta, MatrixView<double> c,
          Transpose ta, Transpose tb) {
  gemm_checked<double>("gemm", alpha, a, ta, b, tb, beta, c);
}

Vector<float> matvec(ConstMatrixView<float> a, std::span<const float> x) {
  detail::check_same_size("matvec", "x", x.size(), "A's columns", a.cols());
  auto out = Vector<float>::uninitialized(a.rows());
  matvec_into<float>(a, x, out.span());
  return out;
}
Vector<double> matvec(ConstMatrixView<double> a, std::span<const double> x) {
  detail::check_same_size("matvec", "x", x.size(), "A's columns", a.cols());
  auto out = Vector<double>::uninitialized(a.rows());
  matvec_into<double>(a, x, out.span());
  return out;
}
void matvec(ConstMatrixView<float> a, std::span<const float> x, std::span<float> out) { matvec_into<float>(a, x, out); }
void matvec(ConstMatrixView<double> a, std::span<const double> x, std::span<double> out) {
  matvec_into<double>(a, x, out);
}
Vector<float> vecmat(std::span<const float> x, ConstMatrixView<float> a) {
  detail::check_same_size("vecmat", "x", x.size(), "A's rows", a.rows());
  auto out = Vector<float>::uninitialized(a.cols());
  vecmat_into<float>(x, a, out.span());
  return out;
}
Vector<double> vecmat(std::span<const double> x, ConstMatrixView<double> a) {
  detail::check_same_size("vecmat", "x", x.size(), "A's rows", a.rows());
  auto out = Vector<double>::uninitialized(a.cols());
  vecmat_into<double>(x, a, out.span());
  return out;
}
void vecmat(std::span<const float> x, ConstMatrixView<float> a, std::span<float> out) { vecmat_into<float>(x, a, out); }
void vecmat(std::span<const double> x, ConstMatrixView<double> a, std::span<double> out) {
  vecmat_into<double>(x, a, out);
}

Vector<float> batched_matmul(std::span<const float> a, std::span<const float> b, std::size_t batch, std::size_t m,
                             std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  return batched_alloc<float>("batched_matmul", a, b, batch, m, k, n, ta, tb);
}
Vector<double> batched_matmul(std::span<const double> a, std::span<const double> b, std::size_t batch, std::size_t m,
                              std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  return batched_alloc<double>("batched_matmul", a, b, batch, m, k, n, ta, tb);
}
void batched_matmul(std::span<const float> a, std::span<const float> b, std::span<float> out, std::size_t batch,
                    std::size_t m, std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  batched_into<float>("batched_matmul", a, b, out, batch, m, k, n, ta, tb);
}
void batched_matmul(std::span<const double> a, std::span<const double> b, std::span<double> out, std::size_t batch,
                    std::size_t m, std::size_t k, std::size_t n, Transpose ta, Transpose tb) {
  batched_into<double>("batched_matmul", a, b, out, batch, m, k, n, ta, tb);
}
Vector<float> batched_matmul_4d(std::span<const float> a, std::span<const float> b, std::size_t batch,
                                std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb) {
  return batched_alloc<float>("batched_matmul_4d", a, b, checked_product("batched_matmul_4d", batch, heads, 1), m, k, n,
                              Transpose::no, tb);
}
Vector<double> batched_matmul_4d(std::span<const double> a, std::span<const double> b, std::size_t batch,
                                 std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb) {
  return batched_alloc<double>("batched_matmul_4d", a, b, checked_product("batched_matmul_4d", batch, heads, 1), m, k,
                               n, Transpose::no, tb);
}
void batched_matmul_4d(std::span<const float> a, std::span<const float> b, std::span<float> out, std::size_t batch,
                       std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb) {
  batched_into<float>("batched_matmul_4d", a, b, out, checked_product("batched_matmul_4d", batch, heads, 1), m, k, n,
                      Transpose::no, tb);
}
void batched_matmul_4d(std::span<const double> a, std::span<const double> b, std::span<double> out, std::size_t batch,
                       std::size_t heads, std::size_t m, std::size_t k, std::size_t n, Transpose tb) {
  batched_into<double>("batched_matmul_4d", a, b, out, checked_product("batched_matmul_4d", batch, heads, 1), m, k, n,
                       Transpose::no, tb);
}

}  // namespace trueno
