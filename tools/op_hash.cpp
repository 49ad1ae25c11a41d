// op_hash.cpp: one hash of the output bits of every public op, per element type and backend,
// over arrays that mix random values with special ones (NaN, +-inf, +-0, denormals, huge)
// at several lengths and misalignments. A refactor that must not change results prints the
// same lines before and after: build this file against both trees and diff (docs/design.md,
// "Proving a refactor"). Uses the public API only, so it builds against older trees too.
//   op_hash [BACKEND ...]   (default: every available backend)
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <type_traits>
#include <vector>

#include "trueno/trueno.hpp"

namespace {

using namespace trueno;

struct Hash {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a over the raw bits (NaN payloads too)
  template <class T>
  void add(T v) {
    std::uint64_t bits = 0;
    if constexpr (std::is_same_v<T, float>)
      bits = std::bit_cast<std::uint32_t>(v);
    else if constexpr (std::is_same_v<T, double>)
      bits = std::bit_cast<std::uint64_t>(v);
    else
      bits = static_cast<std::uint64_t>(v);
    for (int i = 0; i < 8; ++i) h = (h ^ ((bits >> (8 * i)) & 0xff)) * 1099511628211ULL;
  }
  template <class T>
  void add(std::span<T> v) {
    for (std::remove_const_t<T> x : v) add(x);
  }
};

template <class T>
std::vector<T> data(std::size_t n, std::uint32_t seed, double lo, double hi) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<T> v(n);
  const T specials[] = {std::numeric_limits<T>::quiet_NaN(),
                        std::numeric_limits<T>::infinity(),
                        -std::numeric_limits<T>::infinity(),
                        T(0),
                        -T(0),
                        std::numeric_limits<T>::denorm_min(),
                        std::numeric_limits<T>::max(),
                        T(1),
                        T(-1),
                        T(0.5)};
  for (std::size_t i = 0; i < n; ++i) v[i] = i % 37 == 5 ? specials[(i / 37) % 10] : T(u(rng));
  return v;
}

// Runs f on arrays of each length (offset by 0 or 1 elements) and hashes what it returns or
// writes; a trueno::Error is hashed as a marker (its message may change).
template <class T>
std::uint64_t hash_op(const std::function<void(std::span<const T>, std::span<const T>, std::span<T>, Hash&)>& f,
                      double lo, double hi) {
  Hash h;
  for (std::size_t n : {1, 7, 33, 1000, 4099, 70001}) {
    for (std::size_t off : {0, 1}) {
      const auto a = data<T>(n + off, static_cast<std::uint32_t>(n), lo, hi);
      const auto b = data<T>(n + off, static_cast<std::uint32_t>(n + 1), lo, hi);
      std::vector<T> out(n + off);
      try {
        f(std::span<const T>(a).subspan(off), std::span<const T>(b).subspan(off), std::span<T>(out).subspan(off), h);
        h.add(std::span<const T>(out));
      } catch (const Error&) {
        h.add(std::uint64_t{0xE}), h.add(n);
      }
    }
  }
  return h.h;
}

template <class T>
using Op = std::function<void(std::span<const T>, std::span<const T>, std::span<T>, Hash&)>;

struct Named {
  const char* name;
  double lo, hi;  // the random values' range
  Op<float> f32;
  Op<double> f64;
};

// Element-wise ops of one input with the span form f(x, out).
#define UNARY(name, lo, hi)                                                                                   \
  Named {                                                                                                     \
#name, lo, hi, [](auto x, auto, auto o, Hash&) { trueno::name(x, o); }, [](auto x, auto, auto o,          \
                                                                               Hash&) { trueno::name(x, o); } \
  }
#define BINARY(name)                                                                                                  \
  Named {                                                                                                             \
#name, -100, 100, [](auto a, auto b, auto o, Hash&) { trueno::name(a, b, o); },                                   \
                                                                                 [](auto a, auto b, auto o,           \
                                                                                    Hash&) { trueno::name(a, b, o); } \
  }
#define REDUCE(name, lo, hi)                                                                                         \
  Named {                                                                                                            \
#name, lo, hi, [](auto x, auto, auto, Hash& h) { h.add(trueno::name(x)); },                                      \
                                                                             [](auto x, auto, auto,                  \
                                                                                Hash& h) { h.add(trueno::name(x)); } \
  }

std::vector<Named> ops() {
  return {
      BINARY(add),
      BINARY(sub),
      BINARY(mul),
      BINARY(div),
      BINARY(minimum),
      BINARY(maximum),
      BINARY(copysign),
      UNARY(abs, -100, 100),
      UNARY(neg, -100, 100),
      UNARY(sqrt, -1, 100),
      UNARY(recip, -100, 100),
      UNARY(floor, -100, 100),
      UNARY(ceil, -100, 100),
      UNARY(round, -100, 100),
      UNARY(trunc, -100, 100),
      UNARY(fract, -100, 100),
      UNARY(signum, -100, 100),
      UNARY(exp, -100, 100),
      UNARY(exp2, -150, 150),
      UNARY(expm1, -30, 30),
      UNARY(ln, -1, 1e6),
      UNARY(log, -1, 1e6),
      UNARY(log2, 0, 1e6),
      UNARY(log10, 0, 1e6),
      UNARY(log1p, -1, 100),
      UNARY(tanh, -20, 20),
      UNARY(erf, -5, 5),
      UNARY(sin, -1e4, 1e4),
      UNARY(cos, -1e4, 1e4),
      UNARY(tan, -10, 10),
      UNARY(asin, -1.1, 1.1),
      UNARY(acos, -1.1, 1.1),
      UNARY(atan, -100, 100),
      UNARY(sinh, -90, 90),
      UNARY(cosh, -90, 90),
      UNARY(asinh, -1e3, 1e3),
      UNARY(acosh, 0.5, 1e3),
      UNARY(atanh, -1.1, 1.1),
      UNARY(cbrt, -1e3, 1e3),
      UNARY(relu, -10, 10),
      UNARY(sigmoid, -100, 100),
      UNARY(swish, -100, 100),
      UNARY(silu, -100, 100),
      UNARY(mish, -100, 100),
      UNARY(hardswish, -10, 10),
      UNARY(hardsigmoid, -10, 10),
      UNARY(selu, -10, 10),
      UNARY(softmax, -100, 100),
      UNARY(log_softmax, -100, 100),
      Named{"scale", -100, 100, [](auto x, auto, auto o, Hash&) { trueno::scale(x, 1.5f, o); },
            [](auto x, auto, auto o, Hash&) { trueno::scale(x, 1.5, o); }},
      Named{"clamp", -100, 100, [](auto x, auto, auto o, Hash&) { trueno::clamp(x, -3.0f, 5.0f, o); },
            [](auto x, auto, auto o, Hash&) { trueno::clamp(x, -3.0, 5.0, o); }},
      Named{"lerp", -100, 100,
            [](auto a, auto b, auto o, Hash&) { trueno::lerp(a, b, 0.3f, o), trueno::lerp(a, b, 0.8f, o); },
            [](auto a, auto b, auto o, Hash&) { trueno::lerp(a, b, 0.3, o), trueno::lerp(a, b, 0.8, o); }},
      Named{"fma", -100, 100, [](auto a, auto b, auto o, Hash&) { trueno::fma(a, b, a, o); },
            [](auto a, auto b, auto o, Hash&) { trueno::fma(a, b, a, o); }},
      Named{"pow", 0, 10, [](auto x, auto, auto o, Hash&) { trueno::pow(x, 2.5f, o); },
            [](auto x, auto, auto o, Hash&) { trueno::pow(x, 2.5, o); }},
      Named{"leaky_relu", -10, 10, [](auto x, auto, auto o, Hash&) { trueno::leaky_relu(x, 0.1f, o); },
            [](auto x, auto, auto o, Hash&) { trueno::leaky_relu(x, 0.1, o); }},
      Named{"elu", -10, 10, [](auto x, auto, auto o, Hash&) { trueno::elu(x, 1.5f, o); },
            [](auto x, auto, auto o, Hash&) { trueno::elu(x, 1.5, o); }},
      Named{"celu", -10, 10, [](auto x, auto, auto o, Hash&) { trueno::celu(x, 0.5f, o); },
            [](auto x, auto, auto o, Hash&) { trueno::celu(x, 0.5, o); }},
      Named{"softplus", -50, 50, [](auto x, auto, auto o, Hash&) { trueno::softplus(x, 1.0f, 20.0f, o); },
            [](auto x, auto, auto o, Hash&) { trueno::softplus(x, 1.0, 20.0, o); }},
      Named{"gelu", -10, 10, [](auto x, auto, auto o, Hash&) { trueno::gelu(x, GeluApprox::none, o); },
            [](auto x, auto, auto o, Hash&) { trueno::gelu(x, GeluApprox::none, o); }},
      Named{"gelu_tanh", -10, 10, [](auto x, auto, auto o, Hash&) { trueno::gelu(x, GeluApprox::tanh, o); },
            [](auto x, auto, auto o, Hash&) { trueno::gelu(x, GeluApprox::tanh, o); }},
      REDUCE(sum, -100, 100),
      REDUCE(mean, -100, 100),
      REDUCE(min, -100, 100),
      REDUCE(max, -100, 100),
      REDUCE(argmin, -100, 100),
      REDUCE(argmax, -100, 100),
      REDUCE(norm_l1, -100, 100),
      REDUCE(norm_l2, -100, 100),
      REDUCE(norm_linf, -100, 100),
      REDUCE(sum_of_squares, -100, 100),
      REDUCE(variance, -100, 100),
      REDUCE(stddev, -100, 100),
      Named{"dot", -100, 100, [](auto a, auto b, auto, Hash& h) { h.add(trueno::dot(a, b)); },
            [](auto a, auto b, auto, Hash& h) { h.add(trueno::dot(a, b)); }},
      Named{"covariance", -100, 100, [](auto a, auto b, auto, Hash& h) { h.add(trueno::covariance(a, b)); },
            [](auto a, auto b, auto, Hash& h) { h.add(trueno::covariance(a, b)); }},
      Named{"correlation", -100, 100, [](auto a, auto b, auto, Hash& h) { h.add(trueno::correlation(a, b)); },
            [](auto a, auto b, auto, Hash& h) { h.add(trueno::correlation(a, b)); }},
      UNARY(normalize, -100, 100),
      UNARY(zscore, -100, 100),
      UNARY(minmax_normalize, -100, 100),
  };
}

// Row ops and matrices on shapes cut from the same arrays: (op, hash) pairs.
template <class T>
std::vector<std::pair<const char*, std::uint64_t>> hash_matrices(double scale) {
  auto a = data<T>(64 * 96, 7, -scale, scale), b = data<T>(96 * 80, 8, -scale, scale);
  for (auto* v : {&a, &b})
    for (T& x : *v) x = std::isfinite(x) && std::abs(x) < T(1e6) ? x : T(0.25);  // finite: eigen requires it
  const auto g = data<T>(96, 9, 0.5, 2);
  const std::span<const T> as(a), bs(b), gs(g);
  std::vector<T> o(64 * 96), c(64 * 80);
  const ConstMatrixView<T> ma(a.data(), 64, 96), mb(b.data(), 96, 80);
  MatrixView<T> mc(c.data(), 64, 80);
  Matrix<T> sym(24, 24);
  for (std::size_t i = 0; i < 24; ++i)
    for (std::size_t j = 0; j < 24; ++j) sym(i, j) = a[i * 24 + j] + a[j * 24 + i];
  std::vector<std::pair<const char*, std::uint64_t>> out;
  auto run = [&](const char* name, auto f) {
    Hash h;
    f(h);
    out.emplace_back(name, h.h);
  };
  run("softmax_rows", [&](Hash& h) { softmax(as, 64, 96, std::span<T>(o)), h.add(std::span<const T>(o)); });
  run("log_softmax_rows", [&](Hash& h) { log_softmax(as, 64, 96, std::span<T>(o)), h.add(std::span<const T>(o)); });
  run("layer_norm_rows",
      [&](Hash& h) { layer_norm(as, 64, 96, gs, gs, T(1e-5), std::span<T>(o)), h.add(std::span<const T>(o)); });
  run("rms_norm_rows",
      [&](Hash& h) { rms_norm(as, 64, 96, gs, T(1e-6), std::span<T>(o)), h.add(std::span<const T>(o)); });
  run("matmul", [&](Hash& h) { matmul(ma, mb, mc), h.add(std::span<const T>(c)); });
  run("gemm", [&](Hash& h) { gemm(T(0.5), ma, mb, T(0), mc), h.add(std::span<const T>(c)); });
  run("transpose", [&](Hash& h) { h.add(transpose(ma).span()); });
  run("matvec", [&](Hash& h) { h.add(matvec(ma, bs.first(96)).span()); });
  run("batched_matmul",
      [&](Hash& h) { h.add(batched_matmul(as.first(4 * 16 * 24), bs.first(4 * 24 * 20), 4, 16, 24, 20).span()); });
  run("convolve2d", [&](Hash& h) {
    h.add(convolve2d(ConstMatrixView<T>(a.data(), 40, 50), ConstMatrixView<T>(g.data(), 3, 5)).span());
  });
  run("symmetric_eigen", [&](Hash& h) {
    const auto e = symmetric_eigen(sym);
    h.add(e.values.span());
    h.add(e.vectors.span());
  });
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<Backend> backends;
  for (int i = 1; i < argc; ++i)
    if (auto b = parse_backend(argv[i]); b && backend_available(*b)) backends.push_back(*b);
  if (argc == 1) backends = available_backends();
  for (Backend be : backends) {
    ScopedBackend scope(be);
    const std::string bn(backend_name(be));
    for (const Named& op : ops()) {
      std::printf("%s/f32/%s %016llx\n", op.name, bn.c_str(),
                  static_cast<unsigned long long>(hash_op<float>(op.f32, op.lo, op.hi)));
      std::printf("%s/f64/%s %016llx\n", op.name, bn.c_str(),
                  static_cast<unsigned long long>(hash_op<double>(op.f64, op.lo, op.hi)));
    }
    for (const auto& [name, h] : hash_matrices<float>(3))
      std::printf("%s/f32/%s %016llx\n", name, bn.c_str(), static_cast<unsigned long long>(h));
    for (const auto& [name, h] : hash_matrices<double>(3))
      std::printf("%s/f64/%s %016llx\n", name, bn.c_str(), static_cast<unsigned long long>(h));
  }
  return 0;
}
