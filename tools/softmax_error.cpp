// softmax_error.cpp: the largest softmax / log_softmax error against long double over random
// rows (1..70000 long, scales 2^-4..2^7, shifts -90..1000, half of them misaligned, every
// seventh half -inf), for a backend named on the command line. The shifts keep the chunk maxima
// within +-2^14 (the km ln2 form of rows.inl); test_rows covers the other form.
// Softmax: relative, in eps = 2^-23, beyond the smallest denormal, over normal results (the
// bound is 4); log_softmax: in eps of |x - lse| + max_j |x_j - lse| (the bound is 2).
// Built with the tests: build/tools/softmax_error BACKEND [REPS] (bench/README.md, "Tools").
#include <cmath>
#include <cstdio>
#include <optional>
#include <random>
#include <vector>
#include <algorithm>
#include "trueno/trueno.hpp"
int main(int argc, char** argv) {
  using namespace trueno;
  const auto backend = argc > 1 ? parse_backend(argv[1]) : std::nullopt;
  if (!backend || !backend_available(*backend)) {
    std::fprintf(stderr, "usage: softmax_error BACKEND [REPS]  (a backend this CPU runs)\n");
    return 2;
  }
  ScopedBackend scope(*backend);
  const int reps = argc > 2 ? atoi(argv[2]) : 3000;
  std::mt19937 g(11);
  double worst = 0, worst_log = 0;
  long bad = 0;
  std::size_t checked = 0;
  const float shifts[] = {0.f, 50.f, -50.f, 85.f, -85.f, 86.5f, -90.f, 20.f, 1000.f};
  for (int rep = 0; rep < reps; ++rep) {
    const std::size_t n = 1 + g() % (rep % 4 == 0 ? 70000 : 3000);
    std::vector<float> x(n + 1), o(n + 1);
    const float scale = std::ldexp(1.f, int(g() % 12) - 4);
    const float shift = shifts[g() % 9];
    std::normal_distribution<float> d(0, 1);
    for (auto& v : x) v = d(g) * scale + shift;
    if (rep % 7 == 0)
      for (std::size_t i = 0; i < n; ++i)
        if (g() % 2) x[i] = -INFINITY;
    const std::size_t off = rep % 2;
    std::span<const float> in(x.data() + off, n - (off && n > 1 ? 1 : 0));
    std::span<float> out(o.data(), in.size());
    softmax(in, out);
    long double m = -INFINITY;
    for (float v : in) m = std::max<long double>(m, v);
    long double s = 0;
    for (float v : in) s += std::exp((long double)v - m);
    for (std::size_t i = 0; i < in.size(); ++i) {
      const long double ref = std::exp((long double)in[i] - m) / s;
      const long double err = std::fabs((long double)out[i] - ref);
      const long double tol_abs = std::ldexp(1.0L, -149);
      const double e = double((err - tol_abs > 0 ? err - tol_abs : 0) / (ref > 0 ? ref : 1) / std::ldexp(1.0L, -23));
      if (ref >= std::ldexp(1.0L, -126)) worst = std::max(worst, e);
      if (e > 4) ++bad;
      ++checked;
    }
    log_softmax(in, out);
    const long double lse = m + std::log(s);
    long double mx_abs = 0;
    for (float v : in)
      if (std::isfinite(v)) mx_abs = std::max(mx_abs, std::fabs((long double)v - lse));
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (!std::isfinite(in[i])) continue;
      const long double ref = (long double)in[i] - lse;
      const double e = double(std::fabs((long double)out[i] - ref) / (std::fabs(ref) + mx_abs) / std::ldexp(1.0L, -23));
      worst_log = std::max(worst_log, e);
    }
  }
  std::printf(
      "%s: %zu outputs, softmax max rel error %.3f eps (normal results), %ld beyond 4 eps; log_softmax max %.3f eps of "
      "(|ref| + max|x - lse|)\n",
      argv[1], checked, worst, bad, worst_log);
}
