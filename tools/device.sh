#!/usr/bin/env bash
# device.sh TASK[,TASK...] [OUT]: the measurements that need a quiet many-core machine (thread
# scaling and crossovers, single-thread ratios, matrices, the NumPy/PyTorch comparison) and the
# test suites on a CPU this machine lacks (AVX-512), run from binaries built here.
#
# The remote machine ("device": x86-64, many cores, CMake, Ninja, a C++ compiler, Python with
# NumPy, nanobind and PyTorch, but no package registry and no Google Benchmark / GoogleTest)
# runs what is built here:
#
#   1. here:    tools/device.sh pack          builds the binaries (BUILD, default build/) and
#                                             packs them, with the shared libraries they need
#                                             that a bare machine lacks, into
#                                             devcarry/carry.tar.xz (ignored by git; ~5 MB)
#   2. there:   tools/device.sh TASKS [OUT]   with devcarry/ carried along, e.g. with this
#                                             workplace's device tool:
#                 run(command="tools/device.sh cpp", carry=["devcarry"])
#               and, in a second call (each call has 10 minutes):
#                 run(command="tools/device.sh python-bench", carry=["devcarry"])
#
# Tasks (comma-separated; each writes its files under OUT and a line "TASK rc N" on stdout;
# times as measured on the 16-core device machine):
#   pack          (here) build and pack the carried binaries into devcarry/carry.tar.xz
#   machine       the CPU, caches and memory (machine.txt; every other task writes it too)
#   scaling       trueno_scaling: every op at 1, 2, 4 ... nproc threads and 1K..10M floats
#                 (scaling.txt), then the crossovers, forced split over nproc threads against
#                 one thread (crossover.txt)                                        ~3 min
#   bench-cpp     one thread: trueno_bench (core ops: every backend at 1K/10K, the best at
#                 1M/10M, memcpy/memchr) and bench_math (math, activations, rows); JSON and
#                 the bench/summarize.py tables (gbench_core*, gbench_math*)         ~1.5 min
#   matrix        trueno_bench_matrix on one thread (avx512, avx2) and on nproc threads
#                 (matmul 512..4096, attention, transpose, matvec)                ~1.5 min
#   cpp           scaling + bench-cpp + matrix (one device call)                      ~6 min
#   python-bench  builds the Python extension there (build-device/), then
#                 bench/compare_blas.py (with the carried trueno_bench_matrix) and
#                 bench/compare_numpy.py (report.md, speedup.png, results.json)  <= 9 min
#   test          every carried GoogleTest executable but the exhaustive sweep, on every
#                 backend that CPU has (JUnit XML per executable, test.txt)         ~1 min
#   exhaustive    the all-2^32-floats accuracy sweep (test_math_exhaustive), nproc threads
#   all           every task above but pack (longer than one 10-minute device call)
#
# OUT: the second argument, else $OUT (set by the device tool: what is written there comes
# back), else a new directory from mktemp. The device tool returns at most 8 files: when a run
# leaves more, they are all bundled into OUT/trueno-device.tar.gz (tar xzf it), and only its
# top-level .txt/.md summaries stay beside it. Thread counts come from nproc. Environment:
# BUILD (pack: the build directory, default build), CARRY (default devcarry).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
ROOT=$PWD
CARRY=${CARRY:-devcarry}
BUILD=${BUILD:-build}

usage() { sed -n '2,/^set -uo/{/^set -uo/d;s/^# \{0,1\}//;p}' "$0"; }

[ $# -ge 1 ] || { usage; exit 2; }
case "$1" in -h | --help | help) usage; exit 0 ;; esac
TASKS=$1
OUT=${2:-${OUT:-}}

# ---- pack (here) -------------------------------------------------------------------------
BINS_BENCH="trueno_scaling trueno_bench bench_math trueno_bench_matrix"
BINS_TOOLS="softmax_error math_hash"
pack() {
  if [ ! -f "$BUILD/build.ninja" ] && [ ! -f "$BUILD/Makefile" ]; then
    echo "pack: $BUILD is not configured; configuring it as make does (make configure)"
    make -s configure BUILD="$BUILD" || return 1
  fi
  local tests
  tests=$(sed -n 's/^trueno_add_test(\([a-z0-9_]*\) .*/\1/p' tests/CMakeLists.txt)
  # shellcheck disable=SC2086
  cmake --build "$BUILD" --target $BINS_BENCH $BINS_TOOLS $tests || return 1
  local stage b f
  stage=$(mktemp -d -t trueno-pack.XXXXXX)
  mkdir -p "$stage/bin" "$stage/lib"
  for b in $BINS_BENCH; do cp "$BUILD/bench/$b" "$stage/bin/"; done
  for b in $BINS_TOOLS; do cp "$BUILD/tools/$b" "$stage/bin/"; done
  for b in $tests; do cp "$BUILD/tests/$b" "$stage/bin/"; done
  # Shared libraries outside the C/C++ runtime (Google Benchmark's): the device's own
  # libstdc++ / glibc stay in use (copies of older ones would shadow them for PyTorch too).
  for f in "$stage"/bin/*; do
    ldd "$f" | awk '/=> \//{print $3}'
  done | sort -u | grep -vE '/(libc|libm|libstdc\+\+|libgcc_s|libpthread|libdl|librt|ld-linux[^/]*)\.so' \
    | while read -r f; do cp -L "$f" "$stage/lib/"; done
  strip --strip-unneeded "$stage"/bin/* 2>/dev/null
  { git rev-parse HEAD
    git diff --quiet HEAD -- src include || echo "(plus uncommitted changes in src/ include/)"; } > "$stage/REVISION"
  # One xz archive: the binaries all hold the library, so it packs ~13x (the device tool carries
  # 64 MiB, the tree included); the tasks unpack it there on first use.
  rm -rf "$CARRY"; mkdir -p "$CARRY"
  tar -C "$stage" -cJf "$CARRY/carry.tar.xz" bin lib REVISION || return 1
  echo "pack: $(ls "$stage/bin" | wc -l) binaries, $(ls "$stage/lib" | wc -l) libraries:" \
    "$(du -sh "$CARRY/carry.tar.xz" | cut -f1) in $CARRY/carry.tar.xz"
  rm -rf "$stage"
  echo "carry it: run(command=\"tools/device.sh TASKS\", carry=[\"$CARRY\"])"
}

# ---- the device's tasks ------------------------------------------------------------------
NT=$(nproc)
THREADS=1; for ((t = 2; t < NT; t *= 2)); do THREADS+=",$t"; done; [ "$NT" -gt 1 ] && THREADS+=",$NT"
UNPACKED=  # where carry.tar.xz is unpacked (a temporary directory, set below)
BIN=
G1="--benchmark_min_time=0.05 --benchmark_repetitions=3 --benchmark_report_aggregates_only=true --benchmark_format=json"

need() {  # binaries...: all present in the carried folder, else say how to get them
  local b
  for b in "$@"; do
    [ -x "$BIN/$b" ] || { echo "no $b in $CARRY/carry.tar.xz: run 'tools/device.sh pack' here and carry $CARRY"; return 1; }
  done
}

machine() {
  { echo "nproc $NT; carried build: $(cat "$UNPACKED/REVISION" 2>/dev/null || echo none)"
    lscpu | grep -E 'Model name|Socket|Core|Thread|L1d|L2|L3|MHz|NUMA'
    echo "AVX-512: $(grep -o 'avx512[a-z_0-9]*' /proc/cpuinfo | sort -u | tr '\n' ' ')"
    free -g | head -2
    uptime; } > "$OUT/machine.txt" 2>&1
  cat "$OUT/machine.txt"
}

scaling() {
  need trueno_scaling || return 1
  timeout 110 "$BIN/trueno_scaling" --threads "$THREADS" \
    --sizes 1000,10000,30000,100000,300000,1000000,10000000 > "$OUT/scaling.txt" 2>&1 || return 1
  timeout 100 "$BIN/trueno_scaling" --crossover --threads "$NT" \
    --ops add,scale,sum,argmax,zscore,relu,exp,sigmoid,gelu_tanh,softmax_1024 > "$OUT/crossover.txt" 2>&1
}

bench_cpp() {
  need trueno_bench bench_math || return 1
  local rc=0
  # shellcheck disable=SC2086
  TRUENO_NUM_THREADS=1 timeout 80 "$BIN/trueno_bench" $G1 --benchmark_out="$OUT/gbench_core.json" \
    --benchmark_filter='(/(scalar|sse2|avx2|avx512)/(1000|10000)$)|(/avx512/(1000000|10000000)$)|(^mem)' \
    > /dev/null 2>&1 || rc=1
  python3 bench/summarize.py "$OUT/gbench_core.json" > "$OUT/gbench_core.md" 2>&1 || rc=1
  # shellcheck disable=SC2086
  TRUENO_NUM_THREADS=1 timeout 150 "$BIN/bench_math" $G1 --benchmark_out="$OUT/gbench_math.json" \
    --benchmark_filter='(/(scalar|sse2|avx2|avx512)/10000$)|(/avx512/(1000000|10000000)$)|(^memcpy)' \
    > /dev/null 2>&1 || rc=1
  python3 bench/summarize.py "$OUT/gbench_math.json" > "$OUT/gbench_math.md" 2>&1 || rc=1
  return $rc
}

matrix() {
  need trueno_bench_matrix || return 1
  local rc=0
  # shellcheck disable=SC2086
  TRUENO_NUM_THREADS=1 timeout 100 "$BIN/trueno_bench_matrix" $G1 --benchmark_out="$OUT/gbench_matrix.json" \
    --benchmark_filter='(avx512|avx2)' > /dev/null 2>&1 || rc=1
  TRUENO_NUM_THREADS=$NT timeout 50 "$BIN/trueno_bench_matrix" --benchmark_min_time=0.3 --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true --benchmark_format=json --benchmark_out="$OUT/gbench_matrix_mt.json" \
    --benchmark_filter='(matmul_f32/avx512/(512|1024|2048|4096)(/real_time)?$)|(attention_qkT_f32/avx512)|(transpose_f32/avx512)|(matvec_f32/avx512)' \
    > /dev/null 2>&1 || rc=1
  return $rc
}

python_bench() {
  local py b=build-device rc=0
  py=$(command -v python3)
  { cmake -S . -B $b -G Ninja -DCMAKE_BUILD_TYPE=Release -DTRUENO_BUILD_TESTS=OFF -DTRUENO_BUILD_BENCHMARKS=OFF \
      -DTRUENO_BUILD_PYTHON=ON -DPython_EXECUTABLE="$py" && cmake --build $b -j "$NT"; } > "$OUT/python_build.log" 2>&1 \
    || { echo "python-bench: extension build failed"; tail -30 "$OUT/python_build.log"; return 1; }
  export PYTHONPATH="$ROOT/$b/python:$ROOT/bench" PYTHONUNBUFFERED=1
  if need trueno_bench_matrix; then
    LD_LIBRARY_PATH=$UNPACKED/lib OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 TRUENO_NUM_THREADS=1 \
      timeout 150 "$py" bench/compare_blas.py --bench "$BIN/trueno_bench_matrix" > "$OUT/blas.txt" 2>&1 || rc=1
  fi
  timeout 330 "$py" bench/compare_numpy.py --out "$OUT" > "$OUT/compare.txt" 2>&1 || rc=1
  tail -5 "$OUT/compare.txt"
  return $rc
}

test_suites() {  # exhaustive (0/1)
  local rc=0 t name
  mkdir -p "$OUT/test"
  for t in "$BIN"/test_*; do
    name=$(basename "$t")
    if [ "$name" = test_math_exhaustive ] && [ "$1" = 0 ]; then continue; fi
    if [ "$name" != test_math_exhaustive ] && [ "$1" = 1 ]; then continue; fi
    # AllocationAudit parses the headers at this checkout's compiled-in path: a build audit,
    # run by make test, not a property of the CPU.
    if "$t" --gtest_brief=1 --gtest_filter='-AllocationAudit.*' --gtest_output="xml:$OUT/test/$name.xml" \
         > "$OUT/test/$name.log" 2>&1; then
      echo "ok: $name"
    else
      echo "FAILED: $name"; tail -30 "$OUT/test/$name.log"; rc=1
    fi
  done | tee "$OUT/test.txt"
  grep -q FAILED "$OUT/test.txt" && rc=1
  return $rc
}

run_task() {
  local task=$1 rc=0
  case "$task" in
    machine) machine > /dev/null ;;
    scaling) scaling || rc=$? ;;
    bench-cpp) bench_cpp || rc=$? ;;
    matrix) matrix || rc=$? ;;
    cpp) run_task scaling; run_task bench-cpp; run_task matrix; return ;;
    python-bench) python_bench || rc=$? ;;
    test) need test_math || return 1; test_suites 0 || rc=$? ;;
    exhaustive) need test_math_exhaustive || return 1; test_suites 1 || rc=$? ;;
    all) for t in cpp python-bench test exhaustive; do run_task $t; done; return ;;
    *) echo "unknown task '$task'"; usage; exit 2 ;;
  esac
  echo "$task rc $rc"
}

if [ "$TASKS" = pack ]; then pack; exit $?; fi
# The carried binaries, unpacked outside the tree (Python's tarfile: no xz program needed), so
# that devcarry/ stays the small archive the device tool carries.
UNPACKED=$(mktemp -d -t trueno-carry.XXXXXX)
trap 'rm -rf "$UNPACKED"' EXIT
BIN=$UNPACKED/bin
if [ -f "$CARRY/carry.tar.xz" ]; then
  python3 -c 'import sys, tarfile as t; t.open(sys.argv[1]).extractall(sys.argv[2], **({"filter": "data"} if hasattr(t, "data_filter") else {}))' \
    "$CARRY/carry.tar.xz" "$UNPACKED" \
    || { echo "cannot unpack $CARRY/carry.tar.xz"; exit 1; }
fi
[ -n "$OUT" ] || OUT=$(mktemp -d -t trueno-device.XXXXXX)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export LD_LIBRARY_PATH=$UNPACKED/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
# Set on some machines, they slow NumPy's OpenBLAS (as in tools/run_bench.sh).
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
echo "device.sh $TASKS: results in $OUT ($NT CPUs, threads $THREADS)"
machine
IFS=, read -ra list <<< "$TASKS"
for task in "${list[@]}"; do run_task "$task"; done
if [ "$(find "$OUT" -type f | wc -l)" -gt 8 ]; then
  tarball=$(mktemp -t trueno-device.XXXXXX.tar.gz)
  tar -C "$OUT" -czf "$tarball" . && find "$OUT" -mindepth 1 -delete && mv "$tarball" "$OUT/trueno-device.tar.gz" &&
    chmod 644 "$OUT/trueno-device.tar.gz"
  # The loose summaries again (from the archive), up to the tool's 8 files.
  tar -C "$OUT" -xzf "$OUT/trueno-device.tar.gz" --wildcards --no-wildcards-match-slash \
    ./machine.txt ./crossover.txt ./test.txt './*.md' 2>/dev/null
  find "$OUT" -maxdepth 1 -type f ! -name '*.tar.gz' | sort | tail -n +8 | xargs -r rm -f
fi
ls -l "$OUT"
