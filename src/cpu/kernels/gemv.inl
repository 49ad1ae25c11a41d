// gemv.inl: matrix-vector products (memory-bound: every element of A is read exactly once,
// in address order) and the rank-2 update the eigen solver uses.
// Included inside an ISA namespace and target region.

namespace mm {

// y[i] = alpha * dot(A[i, :], x) + beta * y[i]. Four rows at a time share each load of x;
// 2 accumulators per row = 8 independent FMA chains, enough to hide FMA latency while the
// loads of 4 row streams (+ x from L1) keep the memory system busy.
template <class V>
void gemv_n(std::size_t m, std::size_t n, typename V::T alpha, const typename V::T* a, std::size_t lda,
            const typename V::T* x, typename V::T beta, typename V::T* y) {
  using T = typename V::T;
  using R = typename V::R;
  constexpr std::size_t W = V::W, kRows = 4;
  auto finish = [&](std::size_t i, T dot) { y[i] = beta == T(0) ? alpha * dot : alpha * dot + beta * y[i]; };
  std::size_t i = 0;
  for (; i + kRows <= m; i += kRows) {
    const T* r[kRows];
    R acc0[kRows], acc1[kRows];
    for (std::size_t q = 0; q < kRows; ++q) {
      r[q] = a + (i + q) * lda;
      acc0[q] = acc1[q] = V::zero();
    }
    std::size_t j = 0;
    for (; j + 2 * W <= n; j += 2 * W) {
      const R x0 = V::load(x + j), x1 = V::load(x + j + W);
      for (std::size_t q = 0; q < kRows; ++q) {
        acc0[q] = V::fmadd(V::load(r[q] + j), x0, acc0[q]);
        acc1[q] = V::fmadd(V::load(r[q] + j + W), x1, acc1[q]);
      }
    }
    for (; j < n; j += W) {
      const std::size_t nk = n - j < W ? n - j : W;
      const R x0 = V::load_partial(x + j, nk, T(0));
      for (std::size_t q = 0; q < kRows; ++q) acc0[q] = V::fmadd(V::load_partial(r[q] + j, nk, T(0)), x0, acc0[q]);
    }
    for (std::size_t q = 0; q < kRows; ++q) finish(i + q, V::reduce_add(V::add(acc0[q], acc1[q])));
  }
  for (; i < m; ++i) {
    const T* r = a + i * lda;
    R acc0 = V::zero(), acc1 = V::zero();
    std::size_t j = 0;
    for (; j + 2 * W <= n; j += 2 * W) {
      acc0 = V::fmadd(V::load(r + j), V::load(x + j), acc0);
      acc1 = V::fmadd(V::load(r + j + W), V::load(x + j + W), acc1);
    }
    for (; j < n; j += W) {
      const std::size_t nk = n - j < W ? n - j : W;
      acc0 = V::fmadd(V::load_partial(r + j, nk, T(0)), V::load_partial(x + j, nk, T(0)), acc0);
    }
    finish(i, V::reduce_add(V::add(acc0, acc1)));
  }
}

// y = beta * y, then y += A[i, :] * (alpha x[i]) for every row: A streams in address order;
// eight rows per pass read and write y (L1/L2-resident) once per 8 rows of A.
template <class V>
void gemv_t(std::size_t m, std::size_t n, typename V::T alpha, const typename V::T* a, std::size_t lda,
            const typename V::T* x, typename V::T beta, typename V::T* y) {
  using T = typename V::T;
  using R = typename V::R;
  constexpr std::size_t W = V::W, kRows = 8;
  if (beta == T(0)) {
    for (std::size_t j = 0; j < n; ++j) y[j] = T(0);
  } else if (beta != T(1)) {
    for (std::size_t j = 0; j < n; ++j) y[j] *= beta;
  }
  std::size_t i = 0;
  for (; i < m; i += kRows) {
    const std::size_t rows = m - i < kRows ? m - i : kRows;
    const T* r[kRows];
    R xs[kRows];
    for (std::size_t q = 0; q < kRows; ++q) {
      r[q] = a + (i + (q < rows ? q : 0)) * lda;
      xs[q] = V::set1(q < rows ? alpha * x[i + q] : T(0));
    }
    std::size_t j = 0;
    if (rows == kRows) {
      for (; j + W <= n; j += W) {
        R acc = V::load(y + j);
        for (std::size_t q = 0; q < kRows; ++q) acc = V::fmadd(V::load(r[q] + j), xs[q], acc);
        V::store(y + j, acc);
      }
    } else {
      for (; j + W <= n; j += W) {
        R acc = V::load(y + j);
        for (std::size_t q = 0; q < rows; ++q) acc = V::fmadd(V::load(r[q] + j), xs[q], acc);
        V::store(y + j, acc);
      }
    }
    if (j < n) {
      const std::size_t nk = n - j;
      R acc = V::load_partial(y + j, nk, T(0));
      for (std::size_t q = 0; q < rows; ++q) acc = V::fmadd(V::load_partial(r[q] + j, nk, T(0)), xs[q], acc);
      V::store_partial(y + j, nk, acc);
    }
  }
}

// A += x1 y1^T (+ x2 y2^T): one pass over A.
template <class V>
void ger2(std::size_t m, std::size_t n, const typename V::T* x1, const typename V::T* y1, const typename V::T* x2,
          const typename V::T* y2, typename V::T* a, std::size_t lda) {
  using T = typename V::T;
  constexpr std::size_t W = V::W;
  for (std::size_t i = 0; i < m; ++i) {
    T* row = a + i * lda;
    const auto s1 = V::set1(x1[i]);
    const auto s2 = V::set1(x2 != nullptr ? x2[i] : T(0));
    std::size_t j = 0;
    if (x2 != nullptr) {
      for (; j + W <= n; j += W)
        V::store(row + j, V::fmadd(s2, V::load(y2 + j), V::fmadd(s1, V::load(y1 + j), V::load(row + j))));
      if (j < n) {
        const std::size_t nk = n - j;
        const auto r = V::fmadd(s2, V::load_partial(y2 + j, nk, T(0)),
                                V::fmadd(s1, V::load_partial(y1 + j, nk, T(0)), V::load_partial(row + j, nk, T(0))));
        V::store_partial(row + j, nk, r);
      }
    } else {
      for (; j + W <= n; j += W) V::store(row + j, V::fmadd(s1, V::load(y1 + j), V::load(row + j)));
      if (j < n) {
        const std::size_t nk = n - j;
        V::store_partial(row + j, nk,
                         V::fmadd(s1, V::load_partial(y1 + j, nk, T(0)), V::load_partial(row + j, nk, T(0))));
      }
    }
  }
}

}  // namespace mm
