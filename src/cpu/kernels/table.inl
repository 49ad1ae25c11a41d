// table.inl: fills one backend's KernelTable from the kernels instantiated on its wrappers.
// Included last inside an ISA namespace and target region.

// The listed ops' kernels: op `name` of a family is k_name in that family's namespace.
template <class V>
constexpr ListedKernels<typename V::T> make_listed() {
  ListedKernels<typename V::T> t{};
#define TRUENO_X(name, ...) t.binary[static_cast<std::size_t>(BinaryOp::name)] = &ew::k_##name<V>;
  TRUENO_BINARY_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, ...) t.unary[static_cast<std::size_t>(UnaryOp::name)] = &ew::k_##name<V>;
  TRUENO_ELEMENTWISE_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, ...) t.unary[static_cast<std::size_t>(UnaryOp::name)] = &mth::k_##name<V>;
  TRUENO_MATH_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
#define TRUENO_X(name, ...) t.unary[static_cast<std::size_t>(UnaryOp::name)] = &act::k_##name<V>;
  TRUENO_ACTIVATION_UNARY_OPS(TRUENO_X)
#undef TRUENO_X
  return t;
}

constexpr KernelTable make_table(Backend b) {
  return {
      .backend = b,
      .listed_f32 = make_listed<VF32>(),
      .listed_f64 = make_listed<VF64>(),
      .ew_f32 = ew::make_elementwise<VF32>(),
      .ew_f64 = ew::make_elementwise<VF64>(),
      .red_f32 = red::make_float_reduce<VF32>(),
      .red_f64 = red::make_float_reduce<VF64>(),
      .red_i32 = red::make_int_reduce<std::int32_t>(),
      .red_i64 = red::make_int_reduce<std::int64_t>(),
      .col_f32 = col::make_columns<VF32>(),
      .col_f64 = col::make_columns<VF64>(),
      .math_f32 = mth::make_math<VF32>(),
      .math_f64 = mth::make_math<VF64>(),
      .act_f32 = act::make_activations<VF32>(),
      .act_f64 = act::make_activations<VF64>(),
      .rows_f32 = rows::make_rows<VF32>(),
      .rows_f64 = rows::make_rows<VF64>(),
      .mat_f32 = mm::make_matrix<VF32>(),
      .mat_f64 = mm::make_matrix<VF64>(),
  };
}
