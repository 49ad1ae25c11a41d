#!/usr/bin/env bash
# run_tests.sh [all|cpp|qemu|python]: runs the test suites and ends with the summary line
# "N passed, N failed, N skipped" over all of them (JUnit XML under build/test-results/).
#   cpp    : CTest on this CPU (every compiled backend, audits), exhaustive accuracy sweeps
#            (the `long` label, 10^8 float64 samples per function, runs only on request:
#            ctest --test-dir build -L long)
#            limited to the scalar and best backends
#   qemu   : the C++ suites on emulated CPUs without AVX-512 (Haswell), without AVX (Westmere,
#            qemu64), and cross-built for aarch64 (NEON), each checking its best backend
#   python : pytest against NumPy
set -uo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
BUILD=${BUILD:-build}
JOBS=${JOBS:-$(nproc)}
RESULTS=$BUILD/test-results
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
failed_steps=()

step() { echo; echo "=== $*"; }

run_cpp() {
  step "C++ tests on this CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  ctest --test-dir "$BUILD" -j "$JOBS" -LE "exhaustive|long" --output-on-failure --output-junit "$PWD/$RESULTS/ctest-native.xml" \
    | grep -vE '(^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed|^ +Start +[0-9]+:)' || failed_steps+=(cpp)
  if ctest --test-dir "$BUILD" -N -L exhaustive | grep -q 'Total Tests: [1-9]'; then
    step "Exhaustive accuracy sweeps (scalar and best backend)"
    ctest --test-dir "$BUILD" -L exhaustive --output-on-failure --output-junit "$PWD/$RESULTS/ctest-exhaustive.xml" || failed_steps+=(exhaustive)
  fi
}

# One emulated CPU: every test executable under qemu, reduced sizes (emulation is ~50x slower).
run_emulated() {  # label emulator-command expected-best build-dir
  local label=$1 emu=$2 best=$3 dir=$4
  step "C++ tests on emulated $label (expects backend $best)"
  local ok=1
  for t in "$dir"/tests/test_*; do
    [ -x "$t" ] || continue
    local name; name=$(basename "$t")
    # The 2^32-input sweeps are for native runs only (hours under emulation).
    [ "$name" = test_math_exhaustive ] && continue
    if ! TRUENO_EXPECT_BEST=$best TRUENO_TEST_MAX_N=${TRUENO_QEMU_MAX_N:-5000} TRUENO_F64_SAMPLES=20000 \
         $emu "$t" --gtest_brief=1 \
         --gtest_output="xml:$RESULTS/qemu-$label-$name.xml" > "$RESULTS/qemu-$label-$name.log" 2>&1; then
      ok=0; echo "FAILED: $name on $label"; tail -30 "$RESULTS/qemu-$label-$name.log"
    else
      echo "ok: $name"
    fi
  done
  [ $ok = 1 ] || failed_steps+=("qemu-$label")
}

run_qemu() {
  if ! command -v qemu-x86_64 >/dev/null || ! command -v aarch64-linux-gnu-g++ >/dev/null; then
    echo "run_tests: qemu-user / g++-aarch64-linux-gnu missing (tools/setup.sh installs them)"; failed_steps+=(qemu); return
  fi
  if [ "$(uname -m)" = x86_64 ]; then
    run_emulated haswell "qemu-x86_64 -cpu Haswell" avx2 "$BUILD"
    run_emulated westmere "qemu-x86_64 -cpu Westmere" sse2 "$BUILD"
    run_emulated qemu64 "qemu-x86_64 -cpu qemu64" sse2 "$BUILD"
  fi
  step "Cross-building for aarch64"
  local xb=$BUILD-aarch64
  cmake -S . -B "$xb" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64.cmake \
    -DTRUENO_GTEST_FROM_SOURCE=ON -DTRUENO_BUILD_TESTS=ON -DTRUENO_BUILD_BENCHMARKS=OFF -DTRUENO_BUILD_PYTHON=OFF >/dev/null \
    && cmake --build "$xb" -j "$JOBS" > "$RESULTS/aarch64-build.log" 2>&1 \
    || { echo "aarch64 build failed"; tail -40 "$RESULTS/aarch64-build.log"; failed_steps+=(aarch64-build); return; }
  run_emulated aarch64 "qemu-aarch64 -L /usr/aarch64-linux-gnu" neon "$xb"
}

run_python() {
  step "Python tests (pytest against NumPy)"
  if [ ! -d python/tests ]; then echo "no Python tests yet"; return; fi
  PYTHONPATH=$BUILD/python .venv/bin/python -m pytest -q -p no:cacheprovider python/tests \
    --junitxml="$RESULTS/pytest.xml" || failed_steps+=(python)
}

case "$what" in
  all) run_cpp; run_qemu; run_python ;;
  cpp) run_cpp ;;
  qemu) run_qemu ;;
  python) run_python ;;
  *) echo "usage: $0 [all|cpp|qemu|python]"; exit 2 ;;
esac

step "Summary"
[ ${#failed_steps[@]} -eq 0 ] || echo "failed steps: ${failed_steps[*]}"
python3 tools/summarize_junit.py "$RESULTS"
rc=$?
[ ${#failed_steps[@]} -eq 0 ] && exit $rc || exit 1
