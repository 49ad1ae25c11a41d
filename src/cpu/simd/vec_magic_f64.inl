// vec_magic_f64.inl: double <-> int64 lanes where the ISA has no such conversion (SSE2, AVX2:
// cvtpd2qq / cvtqq2pd are AVX-512DQ), written once in terms of the wrapper's primitives: adding
// 1.5 * 2^52 puts round(a) (half to even) in the low mantissa bits, valid for |a| < 2^51;
// to_float is the inverse. Included inside the struct, as vec_wide_f64.inl.

static I to_int(R a) {
  const R magic = set1(6755399441055744.0);
  return isub(bits(add(a, magic)), bits(magic));
}
static R to_float(I a) {
  const R magic = set1(6755399441055744.0);
  return sub(from_bits(iadd(a, bits(magic))), magic);
}
