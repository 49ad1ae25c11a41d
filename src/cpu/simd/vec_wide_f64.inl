// vec_wide_f64.inl: the wide access of a double wrapper, written once for every ISA: kWide = 2 W
// elements as two of its own registers, in terms of its load, store, load_partial, store_partial
// and set1. Included inside the struct, so these stay ordinary members of each wrapper (see
// README: a class-template base moves them into late template instantiation, and GCC's inliner
// then decides differently in the kernels).

static void load_wide(const T* p, R& lo, R& hi) {
  lo = load(p);
  hi = load(p + W);
}
static void load_wide_partial(const T* p, std::size_t n, R& lo, R& hi, T fill) {
  lo = n >= W ? load(p) : load_partial(p, n, fill);
  hi = n > W ? load_partial(p + W, n - W, fill) : set1(fill);
}
static void store_wide(T* p, R lo, R hi) {
  store(p, lo);
  store(p + W, hi);
}
static void store_wide_partial(T* p, std::size_t n, R lo, R hi) {
  if (n >= W) {
    store(p, lo);
    if (n > W) store_partial(p + W, n - W, hi);
  } else
    store_partial(p, n, lo);
}
