// matrix.inl: the plane rotation of the eigen solver and the MatrixKernels table of a backend.
// Included inside an ISA namespace and target region, after the other matrix kernels.

namespace mm {

// (x, y) <- (c x - s y, s x + c y) over two contiguous rows.
template <class V>
void rot(typename V::T* x, typename V::T* y, std::size_t n, typename V::T c, typename V::T s) {
  using T = typename V::T;
  constexpr std::size_t W = V::W;
  const auto vc = V::set1(c), vs = V::set1(s);
  std::size_t j = 0;
  for (; j + W <= n; j += W) {
    const auto a = V::load(x + j), b = V::load(y + j);
    V::store(x + j, V::sub(V::mul(vc, a), V::mul(vs, b)));
    V::store(y + j, V::add(V::mul(vs, a), V::mul(vc, b)));
  }
  if (j < n) {
    const std::size_t nk = n - j;
    const auto a = V::load_partial(x + j, nk, T(0)), b = V::load_partial(y + j, nk, T(0));
    V::store_partial(x + j, nk, V::sub(V::mul(vc, a), V::mul(vs, b)));
    V::store_partial(y + j, nk, V::add(V::mul(vs, a), V::mul(vc, b)));
  }
}

template <class V>
constexpr MatrixKernels<typename V::T> make_matrix() {
  return {
      .gemm_scratch = &gemm_scratch<V>, .gemm = &gemm<V>,
      .gemv_n = &gemv_n<V>, .gemv_t = &gemv_t<V>, .ger2 = &ger2<V>,
      .transpose = &transpose<V>, .correlate2d = &correlate2d<V>, .rot = &rot<V>,
  };
}

}  // namespace mm
