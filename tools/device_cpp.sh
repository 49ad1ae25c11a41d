#!/usr/bin/env bash
# device_cpp.sh OUT: the C++ measurements for a quiet many-core machine, from prebuilt binaries
# in devcarry/ (trueno_scaling, trueno_bench, bench_math, trueno_bench_matrix and the Google
# Benchmark shared library), in one call of under 10 minutes: thread scaling (element-wise,
# reductions, math, softmax rows); single-thread math and core suites; matrices on one thread
# and on every core (matmul 2048/4096, batched attention).
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/trueno-device}; mkdir -p "$OUT"
export LD_LIBRARY_PATH=$PWD/devcarry
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
D=devcarry
{ nproc; lscpu | grep -E 'Model name|Socket|Core|Thread|L1d|L2|L3|MHz|NUMA'; } > "$OUT/machine.txt" 2>&1
cat "$OUT/machine.txt"
NT=$(nproc)
timeout 120 $D/trueno_scaling --threads 1,2,4,8,$NT --sizes 10000,100000,1000000,10000000 > "$OUT/scaling.txt" 2>&1
echo "scaling rc $?"
G="--benchmark_min_time=0.05 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true --benchmark_format=json"
TRUENO_NUM_THREADS=1 timeout 150 $D/bench_math $G --benchmark_out="$OUT/gbench_math.json" \
  --benchmark_filter='(/(scalar|sse2|avx2|avx512)/10000$)|(/avx512/(1000000|10000000)$)|(^memcpy)' >/dev/null 2>&1
echo "math rc $?"
TRUENO_NUM_THREADS=1 timeout 60 $D/trueno_bench $G --benchmark_out="$OUT/gbench_core.json" \
  --benchmark_filter='(/avx512/(1000000|10000000)$)|(^mem)' >/dev/null 2>&1
echo "core rc $?"
TRUENO_NUM_THREADS=1 timeout 120 $D/trueno_bench_matrix $G --benchmark_out="$OUT/gbench_matrix.json" \
  --benchmark_filter='(avx512|avx2)' >/dev/null 2>&1
echo "matrix rc $?"
TRUENO_NUM_THREADS=$NT timeout 80 $D/trueno_bench_matrix --benchmark_min_time=0.3 --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=json --benchmark_out="$OUT/gbench_matrix_mt.json" \
  --benchmark_filter='(matmul_f32/avx512/(1024|2048|4096)(/real_time)?$)|(attention_qkT_f32/avx512)|(transpose_f32/avx512)|(matvec_f32/avx512)' >/dev/null 2>&1
echo "matrix mt rc $?"
ls -la "$OUT"; tail -5 "$OUT/scaling.txt"
