// listed_ops.cpp: the front-ends of the ops of trueno/op_list.hpp, four forms per list line:
// validate, allocate the result (allocating forms), hand the op to the executor.
#include "core/checks.hpp"
#include "core/unary_frontend.hpp"
#include "cpu/exec/map.hpp"
#include "trueno/activations.hpp"
#include "trueno/elementwise.hpp"
#include "trueno/math.hpp"

namespace trueno {
namespace {

// Always inlined into each op's own front-end, so the op is a constant there: its kernel slot
// and cost class fold, as in a front-end written for that op alone (shared out of line, the
// binary ops cost 4 instructions more per call at n = 1000: the icount gate).
template <class T>
[[gnu::always_inline]] inline void unary_into(const char* name, UnaryOp op, std::span<const T> x, std::span<T> out) {
  detail::unary_into<T>(name, x, out,
                        [op](const T* xp, T* op_out, std::size_t n) { cpu::exec::unary(op, xp, op_out, n); });
}

template <class T>
Vector<T> unary_alloc(const char* name, UnaryOp op, std::span<const T> x) {
  auto r = Vector<T>::uninitialized(x.size());
  unary_into<T>(name, op, x, r.span());
  return r;
}

template <class T>
[[gnu::always_inline]] inline void binary_into(const char* name, BinaryOp op, std::span<const T> a,
                                               std::span<const T> b, std::span<T> out) {
  detail::check_same_size(name, "a", a.size(), "b", b.size());
  detail::check_output(name, a, "a", out);
  detail::check_output(name, b, "b", out);
  cpu::exec::binary(op, a.data(), b.data(), out.data(), a.size());
}

template <class T>
Vector<T> binary_alloc(const char* name, BinaryOp op, std::span<const T> a, std::span<const T> b) {
  detail::check_same_size(name, "a", a.size(), "b", b.size());  // before allocating
  auto r = Vector<T>::uninitialized(a.size());
  binary_into<T>(name, op, a, b, r.span());
  return r;
}

}  // namespace

// name(x) / name(x, out) call op's kernel; the name is the one errors quote (an alias's own).
#define TRUENO_DEFINE_UNARY(name, op)                                                                      \
  Vector<float> name(std::span<const float> x) { return unary_alloc<float>(#name, UnaryOp::op, x); }       \
  Vector<double> name(std::span<const double> x) { return unary_alloc<double>(#name, UnaryOp::op, x); }    \
  void name(std::span<const float> x, std::span<float> o) { unary_into<float>(#name, UnaryOp::op, x, o); } \
  void name(std::span<const double> x, std::span<double> o) { unary_into<double>(#name, UnaryOp::op, x, o); }
#define TRUENO_X(name, ...) TRUENO_DEFINE_UNARY(name, name)
TRUENO_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
TRUENO_MATH_UNARY_ALIASES(TRUENO_DEFINE_UNARY)
TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_DEFINE_UNARY)
#undef TRUENO_DEFINE_UNARY

#define TRUENO_X(name, ...)                                                              \
  Vector<float> name(std::span<const float> a, std::span<const float> b) {               \
    return binary_alloc<float>(#name, BinaryOp::name, a, b);                             \
  }                                                                                      \
  Vector<double> name(std::span<const double> a, std::span<const double> b) {            \
    return binary_alloc<double>(#name, BinaryOp::name, a, b);                            \
  }                                                                                      \
  void name(std::span<const float> a, std::span<const float> b, std::span<float> o) {    \
    binary_into<float>(#name, BinaryOp::name, a, b, o);                                  \
  }                                                                                      \
  void name(std::span<const double> a, std::span<const double> b, std::span<double> o) { \
    binary_into<double>(#name, BinaryOp::name, a, b, o);                                 \
  }
TRUENO_BINARY_OPS(TRUENO_X)
#undef TRUENO_X

}  // namespace trueno
