#!/usr/bin/env bash
# device_bench.sh OUT_DIR: the measurements that need a quiet many-core machine (thread scaling
# and crossovers, single-thread ratios, the NumPy/PyTorch comparison, matmul), run on a machine
# that has CMake, Ninja, a C++20 compiler, Python with NumPy, nanobind and (optionally) PyTorch
# but no package registry. Expects build outputs it cannot build there (Google Benchmark
# binaries) under devcarry/ when present.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/trueno-device}
mkdir -p "$OUT"
exec > >(tee "$OUT/device.log") 2>&1
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
echo "== machine"; nproc; lscpu | grep -E 'Model name|Socket|Core|Thread|L2|L3|MHz|NUMA node' ; free -g | head -2
PY=$(command -v python3)
B=build-device
cmake -S . -B $B -G Ninja -DCMAKE_BUILD_TYPE=Release -DTRUENO_BUILD_TESTS=OFF -DTRUENO_BUILD_BENCHMARKS=ON \
  -DTRUENO_BUILD_PYTHON=ON -DPython_EXECUTABLE="$PY" >/dev/null && cmake --build $B -j "$(nproc)" >"$OUT/build.log" 2>&1 \
  || { echo "build failed"; tail -30 "$OUT/build.log"; }
export PYTHONPATH="$PWD/$B/python:$PWD/bench"
echo "== thread scaling"
$B/bench/trueno_scaling --threads 1,2,4,8,16 --sizes 1000,10000,100000,1000000,10000000 | tee "$OUT/scaling.txt"
echo "== crossovers (forced split at every size vs one thread)"
$B/bench/trueno_scaling --crossover --threads 16 --ops add,sum,argmax,zscore | tee "$OUT/crossover.txt"
if [ -x devcarry/trueno_bench ]; then
  echo "== single-thread Google Benchmark suite (carried binary)"
  LD_LIBRARY_PATH=devcarry TRUENO_NUM_THREADS=1 devcarry/trueno_bench \
    --benchmark_filter='(/(scalar|sse2|avx2|avx512)/(1000|10000)$)|(/avx512/(1000000|10000000)$)|(^mem)' \
    --benchmark_min_time=0.1 --benchmark_repetitions=3 --benchmark_format=json --benchmark_out="$OUT/gbench.json" >/dev/null
  python3 bench/summarize.py "$OUT/gbench.json" | tee "$OUT/gbench_summary.md"
fi
if [ -f bench/compare_blas.py ]; then
  echo "== matmul vs NumPy BLAS"
  OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 TRUENO_NUM_THREADS=1 timeout 300 $PY bench/compare_blas.py --out "$OUT" | tee "$OUT/blas.txt"
fi
echo "== NumPy / PyTorch comparison (default threads)"
timeout 400 $PY bench/compare_numpy.py --out "$OUT" | tail -60
