// reduce_axes.cpp: the CPU executor of the axis reductions. Three ways through a ReduceLayout:
//  - runs contiguous in x (the reduced dimensions are x's innermost, e.g. axis=-1 of a C
//    array): each output is the whole-array reduction of its run, with the same chunked
//    kernels and so the same accuracy (reduce.hpp, statistics.hpp); outputs split over threads;
//  - columns (x's innermost dimension is kept, e.g. axis=0 of a C array): rows of the reduced
//    dimensions are folded into per-column accumulators by the ISA's column kernels
//    (kernels/columns.inl), a block of columns at a time (in L1), every element read once: float sums in double (error
//    <= run * 2^-53 * sum|x| plus the final rounding, the whole-array float bound), double sums compensated (TwoSum,
//    error about 2^-53 |sum| + run^2 2^-106 sum|x|, within the whole-array double bound); variance in two passes (the
//    column means, then the squared deviations about them rounded to T, corrected, as statistics.hpp does: a constant
//    column has variance 0 exactly);
//  - anything else (reversed or interleaved reduced dimensions): x is copied into per-thread
//    scratch in (kept, reduced) order, then reduced as contiguous runs.
#include "cpu/exec/reduce_axes.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "cpu/exec/reduce.hpp"
#include "cpu/exec/scratch.hpp"
#include "cpu/exec/statistics.hpp"
#include "cpu/exec/strided.hpp"

namespace trueno::cpu::exec {
namespace {

constexpr std::size_t kColumns = 512;  // columns per block: accumulators of 4-8 KiB

// Walks a multi-index over shape[0..n): offsets of every element, last dimension fastest.
template <class F>
void for_each_offset(std::size_t n, const std::array<std::size_t, kMaxDims>& shape,
                     const std::array<std::ptrdiff_t, kMaxDims>& stride, F f) {
  std::size_t total = 1;
  for (std::size_t d = 0; d < n; ++d) total *= shape[d];
  std::array<std::size_t, kMaxDims> idx{};
  std::ptrdiff_t off = 0;
  for (std::size_t i = 0; i < total; ++i) {
    f(off);
    for (std::size_t d = n; d-- > 0;) {
      off += stride[d];
      if (++idx[d] < shape[d]) break;
      off -= static_cast<std::ptrdiff_t>(shape[d]) * stride[d];
      idx[d] = 0;
    }
  }
}

// Offsets (in x and in out) of kept index i, dimensions [0, nk).
void kept_offsets(const ReduceLayout& l, std::size_t nk, std::size_t i, std::ptrdiff_t& ox, std::ptrdiff_t& oo) {
  ox = oo = 0;
  for (std::size_t d = nk; d-- > 0;) {
    const std::size_t k = i % l.kshape[d];
    i /= l.kshape[d];
    ox += static_cast<std::ptrdiff_t>(k) * l.kx[d];
    oo += static_cast<std::ptrdiff_t>(k) * l.kout[d];
  }
}

// One run's result; wide: a double result of float input, whose sums take every term in double.
template <class T>
double run_value(ReduceOp op, const T* x, std::size_t n, std::size_t ddof, bool wide) {
  switch (op) {
    case ReduceOp::sum:
      return n ? (wide ? sum_wide(x, n) : sum(x, n)) : 0.0;
    case ReduceOp::mean:
      return (wide ? sum_wide(x, n) : sum(x, n)) / static_cast<double>(n);
    case ReduceOp::min:
      return min(x, n);
    case ReduceOp::max:
      return max(x, n);
    case ReduceOp::norm_l1:
      return n ? sum_abs(x, n) : 0.0;
    case ReduceOp::norm_l2:
      return n ? norm_l2(x, n) : 0.0;
    case ReduceOp::norm_linf:
      return n ? max_abs(x, n) : T(0);
    case ReduceOp::sum_sq:
      return n ? sum_sq(x, n) : 0.0;
    case ReduceOp::variance:
    case ReduceOp::stddev: {
      const double m2 = moments(x, n).m2;
      const double v = (m2 > 0.0 || m2 != m2 ? m2 : 0.0) / static_cast<double>(n - ddof);
      return op == ReduceOp::stddev ? std::sqrt(v) : v;
    }
    case ReduceOp::argmin:
      return static_cast<double>(argmin(x, n));
    case ReduceOp::argmax:
      return static_cast<double>(argmax(x, n));
  }
  return 0.0;
}

// Contiguous runs: x + kept offset, run elements each.
template <class T, class R>
void by_runs(ReduceOp op, const T* x, const ReduceLayout& l, std::size_t nk, R* out, std::size_t ddof) {
  const std::size_t run = l.run();
  parallel::for_items(l.outputs(), run, parallel::Cost::reduce, [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i) {
      std::ptrdiff_t ox, oo;
      kept_offsets(l, nk, i, ox, oo);
      out[oo] = static_cast<R>(run_value(op, x + ox, run, ddof, std::is_same_v<R, double> && sizeof(T) == 4));
    }
  });
}

// Column accumulators of one block, c columns.
template <class T>
struct Columns {
  double s[kColumns], comp[kColumns], mean[kColumns];
  T m[kColumns];
  std::int64_t at[kColumns];
};

// One row of c columns into the accumulators (the ISA's column kernels, columns.inl); r is the
// row's index along the reduced dimensions (the arg-reductions, plain loops).
template <class T>
void accumulate(const ColumnKernels<T>& k, ReduceOp op, const T* row, std::size_t c, std::int64_t r, Columns<T>& a) {
  switch (op) {
    case ReduceOp::sum:
    case ReduceOp::mean:
      k.sum(row, a.s, a.comp, c);
      break;
    case ReduceOp::norm_l1:
      k.sum_abs(row, a.s, c);
      break;
    case ReduceOp::sum_sq:
    case ReduceOp::norm_l2:
      k.sum_sq(row, a.s, c);
      break;
    case ReduceOp::variance:
    case ReduceOp::stddev:
      k.sq_dev(row, a.mean, a.s, c);
      break;
    case ReduceOp::min:
      k.min(row, a.m, c);
      break;
    case ReduceOp::max:
      k.max(row, a.m, c);
      break;
    case ReduceOp::norm_linf:
      k.max_abs(row, a.m, c);
      break;
    case ReduceOp::argmin:  // the first NaN, else the first minimum
      for (std::size_t j = 0; j < c; ++j)
        if (a.m[j] == a.m[j] && (row[j] < a.m[j] || row[j] != row[j])) a.m[j] = row[j], a.at[j] = r;
      break;
    case ReduceOp::argmax:
      for (std::size_t j = 0; j < c; ++j)
        if (a.m[j] == a.m[j] && (row[j] > a.m[j] || row[j] != row[j])) a.m[j] = row[j], a.at[j] = r;
      break;
  }
}

// Whether the column path keeps the whole-array bound for this op: float terms accumulate in
// double (n 2^-53 relative to the terms, well inside the float bounds); double sums carry TwoSum.
// Uncompensated double accumulations (norm_l1, sum_of_squares and norm_l2, whose squares may
// also overflow or underflow; variance's squared deviations beyond 4096 rows, where n 2^-53 would
// pass the 1e-12 of docs/accuracy.md) go through runs instead.
template <class T>
bool column_op(ReduceOp op, std::size_t run) {
  if (sizeof(T) == 4) return true;
  if (op == ReduceOp::variance || op == ReduceOp::stddev) return run <= 4096;
  return !(op == ReduceOp::norm_l2 || op == ReduceOp::sum_sq || op == ReduceOp::norm_l1);
}

// Columns: kept dimension nk - 1 is x-contiguous (kx == 1); every other kept index, and each
// block of kColumns columns, is one item.
template <class T, class R>
void by_columns(ReduceOp op, const T* x, const ReduceLayout& l, R* out, std::size_t ddof) {
  const std::size_t cols = l.kshape[l.nk - 1], blocks = (cols + kColumns - 1) / kColumns;
  const std::size_t outer = l.outputs() / cols, run = l.run();
  const std::ptrdiff_t so = l.kout[l.nk - 1];
  const ColumnKernels<T>& k = columns<T>(kernels());
  parallel::for_items(outer * blocks, run * kColumns, parallel::Cost::reduce, [&](std::size_t b, std::size_t e) {
    Columns<T> a;
    for (std::size_t item = b; item < e; ++item) {
      const std::size_t c0 = item % blocks * kColumns, c = cols - c0 < kColumns ? cols - c0 : kColumns;
      std::ptrdiff_t ox, oo;
      kept_offsets(l, l.nk - 1, item / blocks, ox, oo);
      const T* base = x + ox + static_cast<std::ptrdiff_t>(c0);
      const auto pass = [&](ReduceOp p) {
        std::int64_t r = 0;
        for_each_offset(l.nr, l.rshape, l.rx, [&](std::ptrdiff_t off) { accumulate(k, p, base + off, c, r++, a); });
      };
      const bool moments = op == ReduceOp::variance || op == ReduceOp::stddev;
      std::memset(a.s, 0, sizeof(double) * c);
      std::memset(a.comp, 0, sizeof(double) * c);
      if (op == ReduceOp::min || op == ReduceOp::max || op == ReduceOp::argmin || op == ReduceOp::argmax) {
        for (std::size_t j = 0; j < c; ++j) a.m[j] = base[j], a.at[j] = 0;
      } else if (op == ReduceOp::norm_linf) {
        for (std::size_t j = 0; j < c; ++j) a.m[j] = 0;
      }
      if (moments) {  // deviations about c = T(mean), corrected after: as the whole-array form
        pass(ReduceOp::sum);
        for (std::size_t j = 0; j < c; ++j) {
          const double m = (a.s[j] + a.comp[j]) / static_cast<double>(run);
          a.mean[j] = static_cast<double>(static_cast<T>(m));
          a.comp[j] = m - a.mean[j];
        }
        std::memset(a.s, 0, sizeof(double) * c);
      }
      pass(moments ? ReduceOp::variance : op);
      R* o = out + oo + static_cast<std::ptrdiff_t>(c0) * so;
      for (std::size_t j = 0; j < c; ++j) {
        double v;
        switch (op) {
          case ReduceOp::min:
          case ReduceOp::max:
          case ReduceOp::norm_linf:
            v = a.m[j];
            break;
          case ReduceOp::argmin:
          case ReduceOp::argmax:
            v = static_cast<double>(a.at[j]);
            break;
          case ReduceOp::mean:
            v = (a.s[j] + a.comp[j]) / static_cast<double>(run);
            break;
          case ReduceOp::norm_l2:
            v = std::sqrt(a.s[j]);
            break;
          case ReduceOp::variance:
          case ReduceOp::stddev: {  // sum (x - m)^2 = sum (x - c)^2 - n (m - c)^2, >= 0 (or NaN)
            const double m2 = a.s[j] - static_cast<double>(run) * a.comp[j] * a.comp[j];
            const double var = (m2 > 0.0 || m2 != m2 ? m2 : 0.0) / static_cast<double>(run - ddof);
            v = op == ReduceOp::stddev ? std::sqrt(var) : var;
            break;
          }
          default:
            v = a.s[j] + a.comp[j];
        }
        o[static_cast<std::ptrdiff_t>(j) * so] = static_cast<R>(v);
      }
    }
  });
}

}  // namespace

template <class T, class R>
void reduce_axes(ReduceOp op, const T* x, const ReduceLayout& l, R* out, std::size_t ddof) {
  if (l.nr == 0 || (l.nr == 1 && l.rx[0] == 1)) return by_runs(op, x, l, l.nk, out, ddof);
  if (l.nk > 0 && l.kx[l.nk - 1] == 1 && column_op<T>(op, l.run())) return by_columns(op, x, l, out, ddof);
  // Copy x into (kept, reduced) order, then runs. The copy is an element-wise map (strided.hpp).
  const std::size_t outputs = l.outputs(), run = l.run();
  ScratchLease lease(ScratchSlot::reduce, outputs * run * sizeof(T));
  T* buf = lease.as<T>();
  trueno::detail::Layout<2> copy;
  copy.ndim = l.nk + l.nr;
  std::ptrdiff_t s = 1;
  for (std::size_t d = copy.ndim; d-- > 0;) {
    const bool kept = d < l.nk;
    copy.shape[d] = kept ? l.kshape[d] : l.rshape[d - l.nk];
    copy.strides[0][d] = s;
    copy.strides[1][d] = kept ? l.kx[d] : l.rx[d - l.nk];
    s *= static_cast<std::ptrdiff_t>(copy.shape[d]);
  }
  strided_copy(copy, x, buf);
  ReduceLayout runs = l;
  runs.nr = 1;
  runs.rshape[0] = run;
  runs.rx[0] = 1;
  for (std::size_t d = l.nk; d-- > 0;)
    runs.kx[d] =
        d + 1 < l.nk ? runs.kx[d + 1] * static_cast<std::ptrdiff_t>(l.kshape[d + 1]) : static_cast<std::ptrdiff_t>(run);
  by_runs(op, buf, runs, l.nk, out, ddof);
}

template void reduce_axes(ReduceOp, const float*, const ReduceLayout&, float*, std::size_t);
template void reduce_axes(ReduceOp, const float*, const ReduceLayout&, double*, std::size_t);
template void reduce_axes(ReduceOp, const double*, const ReduceLayout&, double*, std::size_t);
template void reduce_axes(ReduceOp, const float*, const ReduceLayout&, std::int64_t*, std::size_t);
template void reduce_axes(ReduceOp, const double*, const ReduceLayout&, std::int64_t*, std::size_t);

}  // namespace trueno::cpu::exec
