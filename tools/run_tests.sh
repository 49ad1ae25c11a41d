#!/usr/bin/env bash
# run_tests.sh [all|cpp|qemu|python]: runs the test suites and ends with the summary line
# "N passed, N failed, N skipped" over all of them (JUnit XML under build/test-results/).
# `all` runs, in this order: cpp (native), python, qemu, then the exhaustive sweeps.
#   cpp    : CTest on this CPU (every compiled backend, audits), then the exhaustive accuracy
#            sweeps (label `exhaustive`: all 2^32 floats, scalar and best backend). The `long`
#            label (10^8 float64 samples per function) runs only on request:
#            ctest --test-dir build -L long
#   qemu   : the C++ suites on emulated CPUs without AVX-512 (Haswell), without AVX (qemu64;
#            Westmere for detection), and cross-built for aarch64 (NEON), each checking its
#            best backend; executables run JOBS at a time
#   python : pytest against NumPy
# Each step's header gives the time since the start (CI allows 90 minutes on 2 cores).
set -uo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
BUILD=${BUILD:-build}
JOBS=${JOBS:-$(nproc)}
RESULTS=$BUILD/test-results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
failed_steps=()

step() { echo; echo "=== [$(date -u +%H:%M:%S), $((SECONDS / 60)) min in] $*"; }

run_cpp() {
  step "C++ tests on this CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  ctest --test-dir "$BUILD" -j "$JOBS" -LE "exhaustive|long" --output-on-failure --output-junit "$PWD/$RESULTS/ctest-native.xml" \
    | grep -vE '(^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed|^ +Start +[0-9]+:)' || failed_steps+=(cpp)
}

run_exhaustive() {
  if ctest --test-dir "$BUILD" -N -L exhaustive | grep -q 'Total Tests: [1-9]'; then
    step "Exhaustive accuracy sweeps (scalar and best backend)"
    ctest --test-dir "$BUILD" -L exhaustive --output-on-failure --output-junit "$PWD/$RESULTS/ctest-exhaustive.xml" \
      | grep --line-buffered -E '(Passed|Failed|\*\*\*|tests passed|Total Test time)' || failed_steps+=(exhaustive)
  fi
}

# One emulated CPU: the test executables under qemu, JOBS at a time, reduced sizes (emulation is
# ~50x slower). filter: a gtest filter. On x86 the scalar/sse2/avx2 units are the very code that
# already ran natively (this CPU runs every x86 backend), so an emulated x86 CPU runs its best
# backend's instances and the unparameterized tests (detection, default dispatch, threads): what
# differs there is what the CPU lacks. The aarch64 build is other code: every backend runs.
run_emulated() {  # label emulator-command expected-best build-dir filter [executables...]
  local label=$1 emu=$2 best=$3 dir=$4 filter=$5; shift 5
  step "C++ tests on emulated $label (expects backend $best${filter:+; gtest filter $filter})"
  local names=("$@")
  if [ ${#names[@]} -eq 0 ]; then
    for t in "$dir"/tests/test_*; do
      [ -x "$t" ] || continue
      # The 2^32-input sweeps are for native runs only (hours under emulation).
      [ "$(basename "$t")" = test_math_exhaustive ] || names+=("$(basename "$t")")
    done
  fi
  one() {  # name: runs one executable, leaves its status in RESULTS
    local name=$1 log="$RESULTS/qemu-$label-$1.log" t0=$SECONDS
    if TRUENO_EXPECT_BEST=$best TRUENO_TEST_MAX_N=${TRUENO_QEMU_MAX_N:-5000} TRUENO_F64_SAMPLES=20000 \
         $emu "$dir/tests/$name" --gtest_brief=1 ${filter:+--gtest_filter="$filter"} \
         --gtest_output="xml:$RESULTS/qemu-$label-$name.xml" > "$log" 2>&1; then
      echo "ok: $name ($((SECONDS - t0)) s)"
    else
      echo "FAILED: $name on $label ($((SECONDS - t0)) s)"; tail -30 "$log"; touch "$RESULTS/qemu-$label.failed"
    fi
  }
  local running=0
  for name in "${names[@]}"; do
    if [ $running -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
    one "$name" & running=$((running + 1))
  done
  wait
  [ ! -e "$RESULTS/qemu-$label.failed" ] || failed_steps+=("qemu-$label")
}

run_qemu() {
  if ! command -v qemu-x86_64 >/dev/null || ! command -v aarch64-linux-gnu-g++ >/dev/null; then
    echo "run_tests: qemu-user / g++-aarch64-linux-gnu missing (tools/setup.sh installs them)"; failed_steps+=(qemu); return
  fi
  if [ "$(uname -m)" = x86_64 ]; then
    run_emulated haswell "qemu-x86_64 -cpu Haswell" avx2 "$BUILD" '-*/scalar:*/sse2'
    run_emulated qemu64 "qemu-x86_64 -cpu qemu64" sse2 "$BUILD" '-*/scalar'
    # SSE4.2 without AVX: only detection differs from qemu64.
    run_emulated westmere "qemu-x86_64 -cpu Westmere" sse2 "$BUILD" '' test_dispatch
  fi
  step "Cross-building for aarch64"
  local xb=$BUILD-aarch64
  cmake -S . -B "$xb" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64.cmake \
    -DTRUENO_GTEST_FROM_SOURCE=ON -DTRUENO_BUILD_TESTS=ON -DTRUENO_BUILD_BENCHMARKS=OFF -DTRUENO_BUILD_PYTHON=OFF >/dev/null \
    && cmake --build "$xb" -j "$JOBS" > "$RESULTS/aarch64-build.log" 2>&1 \
    || { echo "aarch64 build failed"; tail -40 "$RESULTS/aarch64-build.log"; failed_steps+=(aarch64-build); return; }
  run_emulated aarch64 "qemu-aarch64 -L /usr/aarch64-linux-gnu" neon "$xb" ''
}

run_python() {
  step "Python tests (pytest against NumPy)"
  if [ ! -d python/tests ]; then echo "no Python tests yet"; return; fi
  PYTHONPATH=$BUILD/python .venv/bin/python -m pytest -q -p no:cacheprovider python/tests \
    --junitxml="$RESULTS/pytest.xml" || failed_steps+=(python)
}

case "$what" in
  # The quick suites first, the 2^32-input sweeps last.
  all) run_cpp; run_python; run_qemu; run_exhaustive ;;
  cpp) run_cpp; run_exhaustive ;;
  qemu) run_qemu ;;
  python) run_python ;;
  *) echo "usage: $0 [all|cpp|qemu|python]"; exit 2 ;;
esac

step "Summary"
[ ${#failed_steps[@]} -eq 0 ] || echo "failed steps: ${failed_steps[*]}"
python3 tools/summarize_junit.py "$RESULTS"
rc=$?
[ ${#failed_steps[@]} -eq 0 ] && exit $rc || exit 1
