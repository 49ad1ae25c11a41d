// vec_wide_f32.inl: the wide access of a float wrapper, written once for every ISA: kWide = W
// elements, one register widened to two Acc (double) registers by its widen and narrow.
// Included inside the struct, as vec_wide_f64.inl.

static void load_wide(const T* p, Acc::R& lo, Acc::R& hi) { widen(load(p), lo, hi); }
static void load_wide_partial(const T* p, std::size_t n, Acc::R& lo, Acc::R& hi, T fill) {
  widen(load_partial(p, n, fill), lo, hi);
}
static void store_wide(T* p, Acc::R lo, Acc::R hi) { store(p, narrow(lo, hi)); }
static void store_wide_partial(T* p, std::size_t n, Acc::R lo, Acc::R hi) { store_partial(p, n, narrow(lo, hi)); }
