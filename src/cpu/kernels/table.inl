// table.inl: fills one backend's KernelTable from the kernels instantiated on its wrappers.
// Included last inside an ISA namespace and target region.

constexpr KernelTable make_table(Backend b) {
  return {
      .backend = b,
      .ew_f32 = ew::make_elementwise<VF32>(),
      .ew_f64 = ew::make_elementwise<VF64>(),
      .red_f32 = red::make_float_reduce<VF32>(),
      .red_f64 = red::make_float_reduce<VF64>(),
      .red_i32 = red::make_int_reduce<std::int32_t>(),
      .red_i64 = red::make_int_reduce<std::int64_t>(),
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
