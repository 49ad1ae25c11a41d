// map.inl: the drivers that apply a per-register function across arrays: 4 registers per
// step (enough independent work to cover load latency; memory-bound ops need no more), then
// single registers, then one masked/partial register for the tail. Loads of a step happen
// before its stores, so an output identical to an input is safe.
// Included inside an ISA namespace and target region.

template <class V, class F>
inline void map1(const typename V::T* x, typename V::T* out, std::size_t n, F f) {
  constexpr std::size_t W = V::W;
  std::size_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    const auto a0 = V::load(x + i), a1 = V::load(x + i + W);
    const auto a2 = V::load(x + i + 2 * W), a3 = V::load(x + i + 3 * W);
    V::store(out + i, f(a0));
    V::store(out + i + W, f(a1));
    V::store(out + i + 2 * W, f(a2));
    V::store(out + i + 3 * W, f(a3));
  }
  for (; i + W <= n; i += W) V::store(out + i, f(V::load(x + i)));
  if (i < n) V::store_partial(out + i, n - i, f(V::load_partial(x + i, n - i, typename V::T(0))));
}

template <class V, class F>
inline void map2(const typename V::T* a, const typename V::T* b, typename V::T* out, std::size_t n, F f) {
  constexpr std::size_t W = V::W;
  std::size_t i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    const auto a0 = V::load(a + i), a1 = V::load(a + i + W);
    const auto a2 = V::load(a + i + 2 * W), a3 = V::load(a + i + 3 * W);
    const auto b0 = V::load(b + i), b1 = V::load(b + i + W);
    const auto b2 = V::load(b + i + 2 * W), b3 = V::load(b + i + 3 * W);
    V::store(out + i, f(a0, b0));
    V::store(out + i + W, f(a1, b1));
    V::store(out + i + 2 * W, f(a2, b2));
    V::store(out + i + 3 * W, f(a3, b3));
  }
  for (; i + W <= n; i += W) V::store(out + i, f(V::load(a + i), V::load(b + i)));
  if (i < n) {
    const std::size_t r = n - i;
    V::store_partial(out + i, r, f(V::load_partial(a + i, r, typename V::T(0)),
                                   V::load_partial(b + i, r, typename V::T(1))));
  }
}

template <class V, class F>
inline void map3(const typename V::T* a, const typename V::T* b, const typename V::T* c,
                 typename V::T* out, std::size_t n, F f) {
  constexpr std::size_t W = V::W;
  std::size_t i = 0;
  for (; i + 2 * W <= n; i += 2 * W) {
    const auto a0 = V::load(a + i), a1 = V::load(a + i + W);
    const auto b0 = V::load(b + i), b1 = V::load(b + i + W);
    const auto c0 = V::load(c + i), c1 = V::load(c + i + W);
    V::store(out + i, f(a0, b0, c0));
    V::store(out + i + W, f(a1, b1, c1));
  }
  for (; i + W <= n; i += W) V::store(out + i, f(V::load(a + i), V::load(b + i), V::load(c + i)));
  if (i < n) {
    const std::size_t r = n - i;
    V::store_partial(out + i, r, f(V::load_partial(a + i, r, typename V::T(0)),
                                   V::load_partial(b + i, r, typename V::T(0)),
                                   V::load_partial(c + i, r, typename V::T(0))));
  }
}

// As map1, but the function sees kWide elements as two double-precision registers
// (float widened), and its two results are rounded back to T on the store.
template <class V, class F>
inline void map1_wide(const typename V::T* x, typename V::T* out, std::size_t n, F f) {
  using A = typename V::Acc;
  constexpr std::size_t S = V::kWide;
  std::size_t i = 0;
  typename A::R lo, hi;
  for (; i + S <= n; i += S) {
    V::load_wide(x + i, lo, hi);
    V::store_wide(out + i, f(lo), f(hi));
  }
  if (i < n) {
    V::load_wide_partial(x + i, n - i, lo, hi, typename V::T(0));
    V::store_wide_partial(out + i, n - i, f(lo), f(hi));
  }
}
