// listed_nd.cpp: the N-d forms (ArrayView operands: broadcasting, any strides) of the ops of
// trueno/op_list.hpp. The layout (core/layout.hpp) checks the shapes and the overlap and merges
// the dimensions; one contiguous dimension goes to the same executor call as the span forms,
// anything else to the strided executor, which runs the same kernels over rows.
#include "core/layout.hpp"
#include "cpu/exec/map.hpp"
#include "cpu/exec/strided.hpp"
#include "trueno/activations.hpp"
#include "trueno/elementwise.hpp"
#include "trueno/math.hpp"

namespace trueno {
namespace {

template <class T>
void unary_nd(const char* name, UnaryOp op, ArrayView<const T> x, ArrayView<T> out) {
  const auto l = detail::make_layout<T, 1>(name, out, {x}, {"x"});
  const std::size_t n = l.size();
  if (n == 0) return;
  if (l.contiguous()) return cpu::exec::unary(op, x.data(), out.data(), n);
  const auto k = cpu::listed<T>(cpu::kernels())[op];
  cpu::exec::strided_map<T, 2>(l, out.data(), {x.data()}, cpu::exec::cost_of(info(op).intensity),
                               [k](const std::array<const T*, 1>& in, T* o, std::size_t m) { k(in[0], o, m); });
}

template <class T>
void binary_nd(const char* name, BinaryOp op, ArrayView<const T> a, ArrayView<const T> b, ArrayView<T> out) {
  const auto l = detail::make_layout<T, 2>(name, out, {a, b}, {"a", "b"});
  const std::size_t n = l.size();
  if (n == 0) return;
  if (l.contiguous()) return cpu::exec::binary(op, a.data(), b.data(), out.data(), n);
  const auto k = cpu::listed<T>(cpu::kernels())[op];
  cpu::exec::strided_map<T, 3>(l, out.data(), {a.data(), b.data()}, cpu::exec::cost_of(info(op).intensity),
                               [k](const std::array<const T*, 2>& in, T* o, std::size_t m) { k(in[0], in[1], o, m); });
}

}  // namespace

#define TRUENO_DEFINE_UNARY(name, op)                                                                    \
  void name(ArrayView<const float> x, ArrayView<float> o) { unary_nd<float>(#name, UnaryOp::op, x, o); } \
  void name(ArrayView<const double> x, ArrayView<double> o) { unary_nd<double>(#name, UnaryOp::op, x, o); }
#define TRUENO_X(name, ...) TRUENO_DEFINE_UNARY(name, name)
TRUENO_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
TRUENO_MATH_UNARY_ALIASES(TRUENO_DEFINE_UNARY)
TRUENO_ACTIVATION_UNARY_ALIASES(TRUENO_DEFINE_UNARY)
#undef TRUENO_DEFINE_UNARY

#define TRUENO_X(name, ...)                                                              \
  void name(ArrayView<const float> a, ArrayView<const float> b, ArrayView<float> o) {    \
    binary_nd<float>(#name, BinaryOp::name, a, b, o);                                    \
  }                                                                                      \
  void name(ArrayView<const double> a, ArrayView<const double> b, ArrayView<double> o) { \
    binary_nd<double>(#name, BinaryOp::name, a, b, o);                                   \
  }
TRUENO_BINARY_OPS(TRUENO_X)
#undef TRUENO_X

}  // namespace trueno
