// math.cpp: the front-end of pow (x^y, scalar y); the math functions without a parameter are
// listed in trueno/op_list.hpp (front-ends in listed_ops.cpp).
#include "trueno/math.hpp"

#include "core/unary_frontend.hpp"
#include "cpu/exec/map.hpp"

namespace trueno {

Vector<float> pow(std::span<const float> x, float y) {
  return detail::unary_alloc<float>("pow", x,
                                    [y](const float* p, float* o, std::size_t n) { cpu::exec::pow(p, y, o, n); });
}
Vector<double> pow(std::span<const double> x, double y) {
  return detail::unary_alloc<double>("pow", x,
                                     [y](const double* p, double* o, std::size_t n) { cpu::exec::pow(p, y, o, n); });
}
void pow(std::span<const float> x, float y, std::span<float> o) {
  detail::unary_into<float>("pow", x, o, [y](const float* p, float* q, std::size_t n) { cpu::exec::pow(p, y, q, n); });
}
void pow(std::span<const double> x, double y, std::span<double> o) {
  detail::unary_into<double>("pow", x, o,
                             [y](const double* p, double* q, std::size_t n) { cpu::exec::pow(p, y, q, n); });
}

}  // namespace trueno
