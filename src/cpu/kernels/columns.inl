// columns.inl: the column accumulators of the axis reductions (exec/reduce_axes.cpp): one row of
// n elements folded into n per-column accumulators, acc[i] = f(acc[i], row[i]). Sums run in
// double registers (float rows widened: V::load_wide), so the column of a float sum carries the
// double-accumulation error only; double sums carry a TwoSum compensation array. Extremes stay in
// T. Each row is one pass over its elements and the accumulators (a block of columns, in L1).
// Included inside an ISA namespace and target region, after map.inl.

namespace col {

// acc[i] = f(acc[i], double(row[i])) over double registers, W of Acc at a time.
template <class V, class F>
inline void fold_wide(const typename V::T* row, double* acc, std::size_t n, F f) {
  using A = typename V::Acc;
  constexpr std::size_t S = V::kWide, H = S / 2;
  std::size_t i = 0;
  typename A::R lo, hi;
  for (; i + S <= n; i += S) {
    V::load_wide(row + i, lo, hi);
    A::store(acc + i, f(A::load(acc + i), lo));
    A::store(acc + i + H, f(A::load(acc + i + H), hi));
  }
  if (i < n) {
    const std::size_t m = n - i, m0 = m < H ? m : H;
    V::load_wide_partial(row + i, m, lo, hi, typename V::T(0));
    A::store_partial(acc + i, m0, f(A::load_partial(acc + i, m0, 0.0), lo));
    if (m > H) A::store_partial(acc + i + H, m - H, f(A::load_partial(acc + i + H, m - H, 0.0), hi));
  }
}

// m[i] = f(m[i], row[i]) in T.
template <class V, class F>
inline void fold(const typename V::T* row, typename V::T* m, std::size_t n, F f) {
  using T = typename V::T;
  constexpr std::size_t W = V::W;
  std::size_t i = 0;
  for (; i + W <= n; i += W) V::store(m + i, f(V::load(m + i), V::load(row + i)));
  if (i < n)
    V::store_partial(m + i, n - i, f(V::load_partial(m + i, n - i, T(0)), V::load_partial(row + i, n - i, T(0))));
}

template <class V>
void sum(const typename V::T* row, double* s, double* c, std::size_t n) {
  using A = typename V::Acc;
  if constexpr (std::is_same_v<typename V::T, float>) {
    (void)c;
    fold_wide<V>(row, s, n, [](auto a, auto x) { return A::add(a, x); });
  } else {  // TwoSum: c collects what each rounded addition to s lost
    using T = typename V::T;
    constexpr std::size_t W = V::W;
    const auto step = [](typename A::R& sv, typename A::R& cv, typename A::R x) {
      const auto t = A::add(sv, x), z = A::sub(t, sv);
      cv = A::add(cv, A::add(A::sub(sv, A::sub(t, z)), A::sub(x, z)));
      sv = t;
    };
    std::size_t i = 0;
    for (; i + W <= n; i += W) {
      auto sv = A::load(s + i), cv = A::load(c + i);
      step(sv, cv, V::load(row + i));
      A::store(s + i, sv);
      A::store(c + i, cv);
    }
    if (i < n) {
      const std::size_t m = n - i;
      auto sv = A::load_partial(s + i, m, 0.0), cv = A::load_partial(c + i, m, 0.0);
      step(sv, cv, V::load_partial(row + i, m, T(0)));
      A::store_partial(s + i, m, sv);
      A::store_partial(c + i, m, cv);
    }
  }
}
template <class V>
void sum_abs(const typename V::T* row, double* s, std::size_t n) {
  using A = typename V::Acc;
  fold_wide<V>(row, s, n, [](auto a, auto x) { return A::add(a, A::abs(x)); });
}
template <class V>
void sum_sq(const typename V::T* row, double* s, std::size_t n) {
  using A = typename V::Acc;
  fold_wide<V>(row, s, n, [](auto a, auto x) { return A::add(a, A::mul(x, x)); });
}
// s += (row - c)^2, c per column (double).
template <class V>
void sq_dev(const typename V::T* row, const double* c, double* s, std::size_t n) {
  using A = typename V::Acc;
  constexpr std::size_t S = V::kWide, H = S / 2;
  std::size_t i = 0;
  typename A::R lo, hi;
  const auto f = [](auto a, auto x, auto m) {
    const auto d = A::sub(x, m);
    return A::add(a, A::mul(d, d));
  };
  for (; i + S <= n; i += S) {
    V::load_wide(row + i, lo, hi);
    A::store(s + i, f(A::load(s + i), lo, A::load(c + i)));
    A::store(s + i + H, f(A::load(s + i + H), hi, A::load(c + i + H)));
  }
  if (i < n) {
    const std::size_t m = n - i, m0 = m < H ? m : H;
    V::load_wide_partial(row + i, m, lo, hi, typename V::T(0));
    A::store_partial(s + i, m0, f(A::load_partial(s + i, m0, 0.0), lo, A::load_partial(c + i, m0, 0.0)));
    if (m > H)
      A::store_partial(s + i + H, m - H,
                       f(A::load_partial(s + i + H, m - H, 0.0), hi, A::load_partial(c + i + H, m - H, 0.0)));
  }
}
// Extremes: a NaN in m sticks, a NaN in the row enters (V::min / V::max yield their second
// operand when either is NaN).
template <class V>
void min(const typename V::T* row, typename V::T* m, std::size_t n) {
  fold<V>(row, m, n, [](auto a, auto x) { return V::select(V::isnan(a), a, V::min(a, x)); });
}
template <class V>
void max(const typename V::T* row, typename V::T* m, std::size_t n) {
  fold<V>(row, m, n, [](auto a, auto x) { return V::select(V::isnan(a), a, V::max(a, x)); });
}
template <class V>
void max_abs(const typename V::T* row, typename V::T* m, std::size_t n) {
  fold<V>(row, m, n, [](auto a, auto x) { return V::select(V::isnan(a), a, V::max(a, V::abs(x))); });
}

template <class V>
constexpr ColumnKernels<typename V::T> make_columns() {
  return {.sum = &sum<V>,
          .sum_abs = &sum_abs<V>,
          .sum_sq = &sum_sq<V>,
          .sq_dev = &sq_dev<V>,
          .min = &min<V>,
          .max = &max<V>,
          .max_abs = &max_abs<V>};
}

}  // namespace col
