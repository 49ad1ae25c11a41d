// elementwise_nd.cpp: the N-d forms (ArrayView operands, broadcasting) of fma, lerp and clamp /
// clip with array bounds. As listed_nd.cpp: the layout checks shapes and overlap; one contiguous
// dimension takes the 1-d executor call, anything else the strided executor over the same
// kernels.
#include "core/layout.hpp"
#include "cpu/exec/map.hpp"
#include "cpu/exec/strided.hpp"
#include "trueno/elementwise.hpp"

namespace trueno {
namespace {

template <class T>
void fma_nd(ArrayView<const T> a, ArrayView<const T> b, ArrayView<const T> c, ArrayView<T> out) {
  const auto l = detail::make_layout<T, 3>("fma", out, {a, b, c}, {"a", "b", "c"});
  if (l.size() == 0) return;
  if (l.contiguous()) return cpu::exec::fma(a.data(), b.data(), c.data(), out.data(), l.size());
  const auto k = cpu::elementwise<T>(cpu::kernels()).fma;
  cpu::exec::strided_map<T, 4>(
      l, out.data(), {a.data(), b.data(), c.data()}, parallel::Cost::memory,
      [k](const std::array<const T*, 3>& in, T* o, std::size_t m) { k(in[0], in[1], in[2], o, m); });
}

template <class T>
void lerp_nd(ArrayView<const T> a, ArrayView<const T> b, T t, ArrayView<T> out) {
  const auto l = detail::make_layout<T, 2>("lerp", out, {a, b}, {"a", "b"});
  if (l.size() == 0) return;
  if (l.contiguous()) return cpu::exec::lerp(a.data(), b.data(), t, out.data(), l.size());
  const auto k = cpu::elementwise<T>(cpu::kernels()).lerp;
  const bool from_a = t < T(0.5);  // the nearer endpoint's form, as exec::lerp
  cpu::exec::strided_map<T, 3>(
      l, out.data(), {a.data(), b.data()}, parallel::Cost::memory,
      [k, t, from_a](const std::array<const T*, 2>& in, T* o, std::size_t m) { k(in[0], in[1], t, from_a, o, m); });
}

// minimum(maximum(x, lo), hi) per block, through a block on the stack: out may be the very
// same view as hi, which the first step must not overwrite before the second reads it.
template <class T>
void clamp_nd(const char* name, ArrayView<const T> x, ArrayView<const T> lo, ArrayView<const T> hi, ArrayView<T> out) {
  const auto l = detail::make_layout<T, 3>(name, out, {x, lo, hi}, {"x", "lo", "hi"});
  if (l.size() == 0) return;
  const auto& k = cpu::listed<T>(cpu::kernels());
  const auto kmax = k[BinaryOp::maximum], kmin = k[BinaryOp::minimum];
  cpu::exec::strided_map<T, 4>(l, out.data(), {x.data(), lo.data(), hi.data()}, parallel::Cost::memory,
                               [kmax, kmin](const std::array<const T*, 3>& in, T* o, std::size_t m) {
                                 alignas(64) T tmp[cpu::exec::kBlock];
                                 kmax(in[0], in[1], tmp, m);
                                 kmin(tmp, in[2], o, m);
                               });
}

}  // namespace

void fma(ArrayView<const float> a, ArrayView<const float> b, ArrayView<const float> c, ArrayView<float> out) {
  fma_nd<float>(a, b, c, out);
}
void fma(ArrayView<const double> a, ArrayView<const double> b, ArrayView<const double> c, ArrayView<double> out) {
  fma_nd<double>(a, b, c, out);
}
void lerp(ArrayView<const float> a, ArrayView<const float> b, float t, ArrayView<float> out) {
  lerp_nd<float>(a, b, t, out);
}
void lerp(ArrayView<const double> a, ArrayView<const double> b, double t, ArrayView<double> out) {
  lerp_nd<double>(a, b, t, out);
}
void clamp(ArrayView<const float> x, ArrayView<const float> lo, ArrayView<const float> hi, ArrayView<float> out) {
  clamp_nd<float>("clamp", x, lo, hi, out);
}
void clamp(ArrayView<const double> x, ArrayView<const double> lo, ArrayView<const double> hi, ArrayView<double> out) {
  clamp_nd<double>("clamp", x, lo, hi, out);
}
void clip(ArrayView<const float> x, ArrayView<const float> lo, ArrayView<const float> hi, ArrayView<float> out) {
  clamp_nd<float>("clip", x, lo, hi, out);
}
void clip(ArrayView<const double> x, ArrayView<const double> lo, ArrayView<const double> hi, ArrayView<double> out) {
  clamp_nd<double>("clip", x, lo, hi, out);
}

}  // namespace trueno
