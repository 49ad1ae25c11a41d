#!/usr/bin/env bash
# device_cpp2.sh OUT: second pass on the quiet machine (after the streaming-store and threshold
# changes): crossovers with the default policy, core write ops at 1M/10M, the math suite.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/trueno-device}; mkdir -p "$OUT"
export LD_LIBRARY_PATH=$PWD/devcarry
D=devcarry
timeout 120 $D/trueno_scaling --crossover --threads 16 --ops add,sum,exp,gelu_tanh,softmax_1024 > "$OUT/crossover2.txt" 2>&1
timeout 60 $D/trueno_scaling --threads 1,16 --sizes 1000,10000,30000,100000,300000,1000000,10000000 > "$OUT/scaling2.txt" 2>&1
G="--benchmark_min_time=0.05 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true --benchmark_format=json"
TRUENO_NUM_THREADS=1 timeout 120 $D/trueno_bench $G --benchmark_out="$OUT/gbench_core2.json" \
  --benchmark_filter='(/avx512/(1000000|10000000)$)|(^mem)' >/dev/null 2>&1
TRUENO_NUM_THREADS=1 timeout 200 $D/bench_math $G --benchmark_out="$OUT/gbench_math2.json" \
  --benchmark_filter='(/(scalar|sse2|avx2|avx512)/10000$)|(/avx512/(1000000|10000000)$)|(^memcpy)' >/dev/null 2>&1
echo "rc math $?"
TRUENO_NUM_THREADS=16 timeout 60 $D/trueno_bench_matrix --benchmark_min_time=0.3 --benchmark_format=json \
  --benchmark_out="$OUT/gbench_matrix_mt2.json" --benchmark_filter='(matmul_f32/avx512/(512|1024|2048|4096)$)' >/dev/null 2>&1
ls -la "$OUT"
