// vec_wide_scalar.inl: the wide access of the scalar wrappers (kWide = 2: two lanes, each
// converted to or from double on its own), written once for VF32 and VF64. Included inside each
// struct, as vec_wide_f64.inl.

static void load_wide(const T* p, double& lo, double& hi) {
  lo = p[0];
  hi = p[1];
}
static void load_wide_partial(const T* p, std::size_t n, double& lo, double& hi, T fill) {
  lo = n > 0 ? p[0] : fill;
  hi = n > 1 ? p[1] : fill;
}
static void store_wide(T* p, double lo, double hi) {
  p[0] = static_cast<T>(lo);
  p[1] = static_cast<T>(hi);
}
static void store_wide_partial(T* p, std::size_t n, double lo, double hi) {
  if (n > 0) p[0] = static_cast<T>(lo);
  if (n > 1) p[1] = static_cast<T>(hi);
}
