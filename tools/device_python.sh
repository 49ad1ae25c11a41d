#!/usr/bin/env bash
# device_python.sh OUT: the NumPy / PyTorch comparison (make bench's harness) on a machine without
# package registries but with CMake, Ninja, a C++20 compiler, Python with NumPy, nanobind and
# PyTorch: builds the extension there, then bench/compare_blas.py (with the carried
# trueno_bench_matrix of devcarry/) and bench/compare_numpy.py.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/trueno-device}; mkdir -p "$OUT"
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
PY=$(command -v python3)
B=build-device
cmake -S . -B $B -G Ninja -DCMAKE_BUILD_TYPE=Release -DTRUENO_BUILD_TESTS=OFF -DTRUENO_BUILD_BENCHMARKS=OFF \
  -DTRUENO_BUILD_PYTHON=ON -DPython_EXECUTABLE="$PY" >/dev/null && cmake --build $B -j "$(nproc)" >"$OUT/build.log" 2>&1 \
  || { echo "build failed"; tail -30 "$OUT/build.log"; exit 1; }
export PYTHONPATH="$PWD/$B/python:$PWD/bench" PYTHONUNBUFFERED=1
LD_LIBRARY_PATH=$PWD/devcarry OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 TRUENO_NUM_THREADS=1 timeout 150 $PY bench/compare_blas.py --bench devcarry/trueno_bench_matrix > "$OUT/blas.txt" 2>&1
echo "blas rc $?"
timeout 330 $PY bench/compare_numpy.py --out "$OUT" > "$OUT/compare.txt" 2>&1
echo "compare rc $?"
ls -la "$OUT"; tail -5 "$OUT/compare.txt"
