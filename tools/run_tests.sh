#!/usr/bin/env bash
# run_tests.sh [all|cpp|qemu|python|sanitize|tsan|fuzz|lint]: runs the test suites and ends with
# the summary line "N passed, N failed, N skipped" over all of them (JUnit XML under
# build/test-results/).
# `all` runs, in this order: cpp (native), python, lint, sanitize, tsan, fuzz, qemu, then the
# exhaustive sweeps.
#   cpp      : CTest on this CPU (every compiled backend, audits), then the exhaustive accuracy
#              sweeps (label `exhaustive`: all 2^32 floats, scalar and best backend). The `long`
#              label (10^8 float64 samples per function) runs only on request:
#              ctest --test-dir build -L long
#   qemu     : the C++ suites on emulated CPUs without AVX-512 (Haswell), without AVX (qemu64;
#              Westmere for detection), and cross-built for aarch64 (NEON), each checking its
#              best backend; executables run JOBS at a time
#   python   : pytest against NumPy
#   sanitize : clang ASan + LSan + UBSan build ($BUILD-asan, RelWithDebInfo) of the C++ suites,
#              CTest without the exhaustive/long/audit labels at reduced sizes, then pytest on
#              the instrumented Python extension (ASan runtime preloaded)
#   tsan     : clang TSan build ($BUILD-tsan) of test_threads and test_stress, both run
#   fuzz     : the libFuzzer targets (tests/fuzz, built in $BUILD-asan), each FUZZ_SECONDS
#              (default 30) from its seed corpus, JOBS at a time
#   lint     : tools/lint.sh (clang-format, clang-tidy)
# Each step's header gives the time since the start (CI allows 90 minutes on 2 cores).
set -uo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
BUILD=${BUILD:-build}
JOBS=${JOBS:-$(nproc)}
RESULTS=$BUILD/test-results
ASAN_BUILD=${ASAN_BUILD:-$BUILD-asan}
TSAN_BUILD=${TSAN_BUILD:-$BUILD-tsan}
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
failed_steps=()

step() { echo; echo "=== [$(date -u +%H:%M:%S), $((SECONDS / 60)) min in] $*"; }

# in_parallel FUNC ITEM...: FUNC ITEM for every item, JOBS at a time; returns when all are done.
in_parallel() {
  local func=$1 running=0 item; shift
  for item in "$@"; do
    if [ $running -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
    "$func" "$item" & running=$((running + 1))
  done
  wait
}

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
  in_parallel one "${names[@]}"
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

# One JUnit test case (for steps that are not test runners: lint, the fuzzers): name, status, log.
junit_case() {
  local name=$1 ok=$2 log=$3 seconds=${4:-0}
  python3 - "$RESULTS/$name.xml" "$name" "$ok" "$log" "$seconds" <<'PY'
import sys, xml.etree.ElementTree as ET
out, name, ok, log, seconds = sys.argv[1:]
suite = ET.Element("testsuite", name=name, tests="1", failures="0" if ok == "1" else "1", time=seconds)
case = ET.SubElement(suite, "testcase", name=name, classname=name, time=seconds)
if ok != "1":
    text = open(log, errors="replace").read()[-20000:] if log else ""
    ET.SubElement(case, "failure", message=f"{name} failed").text = text
ET.ElementTree(suite).write(out, encoding="utf-8", xml_declaration=True)
PY
}

run_lint() {
  step "Lint (tools/lint.sh: clang-format, clang-tidy)"
  local log="$RESULTS/lint.log" t0=$SECONDS ok=1
  BUILD=$BUILD tools/lint.sh > "$log" 2>&1 || ok=0
  tail -25 "$log"
  junit_case lint "$ok" "$log" $((SECONDS - t0))
  [ $ok = 1 ] || failed_steps+=(lint)
}

# The sanitizer and fuzzing builds use clang (libFuzzer); flags in cmake/trueno_sanitize.cmake.
# $ASAN_BUILD serves both the sanitize step (tests) and the fuzz step (fuzz_* targets): one
# instrumented library (ASan + UBSan + libFuzzer coverage) instead of two.
configure_instrumented() {  # dir sanitizers fuzz python(ON|OFF)
  local py=(-DTRUENO_BUILD_PYTHON=OFF)
  [ "$4" = ON ] && [ -x .venv/bin/python ] && py=(-DTRUENO_BUILD_PYTHON=ON -DPython_EXECUTABLE="$PWD/.venv/bin/python")
  # RelWithDebInfo's -O2 without its full -g (cmake/trueno_sanitize.cmake adds line tables).
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" \
    -DCMAKE_CXX_COMPILER=clang++ \
    -DTRUENO_SANITIZE="$2" -DTRUENO_FUZZ="$3" -DTRUENO_BUILD_TESTS=ON -DTRUENO_BUILD_BENCHMARKS=OFF \
    "${py[@]}" > "$RESULTS/configure-$(basename "$1").log" 2>&1
}

# Sanitizer runtime options: every report fails the run (UBSan aborts: -fno-sanitize-recover),
# leaks included (LeakSanitizer runs at exit).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

run_sanitize() {
  step "C++ tests under ASan + LSan + UBSan ($ASAN_BUILD, clang, RelWithDebInfo)"
  local t0=$SECONDS
  # The test executables that run here and the Python extension only (not the tools,
  # benchmarks, icount driver, exhaustive sweeps or allocation audit: CTest lists those it
  # cannot discover as <name>_NOT_BUILT, excluded below).
  local targets
  targets="$(grep -ho 'trueno_add_test([A-Za-z0-9_]*' tests/CMakeLists.txt | cut -d'(' -f2 \
    | grep -vxE 'test_math_exhaustive|test_allocation') _core"
  if ! configure_instrumented "$ASAN_BUILD" address,undefined ON ON \
       || ! cmake --build "$ASAN_BUILD" -j "$JOBS" --target $targets > "$RESULTS/sanitize-build.log" 2>&1; then
    echo "sanitizer build failed"; tail -40 "$RESULTS/sanitize-build.log"; failed_steps+=(sanitize-build); return
  fi
  echo "build: $((SECONDS - t0)) s"
  # Not here: the exhaustive sweeps and the long run (hours under ASan), and the audit label:
  # test_allocation replaces the global operator new to count allocations (ASan intercepts
  # them itself), and the instruction-count / size / ISA / install gates measure a Release
  # build. Sizes are capped at 65536 (TRUENO_TEST_MAX_N) where the suites allow it: every
  # code path, a tenth of the time.
  TRUENO_TEST_MAX_N=${TRUENO_SANITIZE_MAX_N:-65536} TRUENO_F64_SAMPLES=20000 \
  ctest --test-dir "$ASAN_BUILD" -j "$JOBS" -LE "exhaustive|long|audit" -E '_NOT_BUILT$' --output-on-failure \
    --output-junit "$PWD/$RESULTS/ctest-sanitize.xml" \
    | grep -vE '(^ *[0-9]+/[0-9]+ Test +#[0-9]+: .* Passed|^ +Start +[0-9]+:)' || failed_steps+=(sanitize)
  echo "C++: $((SECONDS - t0)) s"
  # The Python suite on the instrumented extension: the ASan runtime preloaded into the
  # interpreter (the extension is a shared object: clang links the runtime into executables
  # only). LeakSanitizer off here: CPython never frees its interned objects and arenas. Not
  # here: test_memory.py, whose leak checks measure RSS growth, which ASan's quarantine of
  # freed blocks makes grow.
  local t1=$SECONDS
  if [ -d python/tests ] && [ -e "$ASAN_BUILD/python/trueno/__init__.py" ]; then
    LD_PRELOAD="$(clang++ -print-file-name=libclang_rt.asan-x86_64.so)" ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS#detect_leaks=1:}" \
    PYTHONPATH=$ASAN_BUILD/python .venv/bin/python -m pytest -q -p no:cacheprovider python/tests \
      --ignore=python/tests/test_memory.py --junitxml="$RESULTS/pytest-asan.xml" | tail -5 || failed_steps+=(sanitize-python)
    echo "Python: $((SECONDS - t1)) s"
  fi
  echo "sanitize: $((SECONDS - t0)) s in all"
}

run_tsan() {
  step "Thread pool and concurrent callers under TSan ($TSAN_BUILD: test_threads, test_stress)"
  local t0=$SECONDS name
  if ! configure_instrumented "$TSAN_BUILD" thread OFF OFF \
       || ! cmake --build "$TSAN_BUILD" -j "$JOBS" --target test_threads test_stress > "$RESULTS/tsan-build.log" 2>&1; then
    echo "TSan build failed"; tail -40 "$RESULTS/tsan-build.log"; failed_steps+=(tsan-build); return
  fi
  echo "build: $((SECONDS - t0)) s"
  for name in test_threads test_stress; do
    local log="$RESULTS/tsan-$name.log" t1=$SECONDS
    # TRUENO_TEST_MAX_N: test_threads' emulated-CPU sizes (300K elements, lowered per-thread
    # minimums: as many splits, a tenth of the work; TSan costs 5-15x).
    if TRUENO_TEST_MAX_N=65536 "$TSAN_BUILD/tests/$name" --gtest_brief=1 \
         --gtest_output="xml:$RESULTS/tsan-$name.xml" > "$log" 2>&1; then
      echo "ok: $name ($((SECONDS - t1)) s)"
    else
      echo "FAILED: $name under TSan ($((SECONDS - t1)) s)"; tail -60 "$log"; failed_steps+=("tsan-$name")
      # A TSan report after the tests passed leaves a passing XML: record the failure itself.
      junit_case "tsan-$name-report" 0 "$log"
    fi
  done
}

run_fuzz() {
  step "Fuzzing: libFuzzer targets, ${FUZZ_SECONDS} s each ($ASAN_BUILD, ASan + UBSan)"
  local t0=$SECONDS
  if ! configure_instrumented "$ASAN_BUILD" address,undefined ON ON \
       || ! cmake --build "$ASAN_BUILD" -j "$JOBS" --target fuzz_targets > "$RESULTS/fuzz-build.log" 2>&1; then
    echo "fuzz build failed"; tail -40 "$RESULTS/fuzz-build.log"; failed_steps+=(fuzz-build); return
  fi
  echo "build: $((SECONDS - t0)) s"
  local targets=()
  for t in "$ASAN_BUILD"/tests/fuzz/fuzz_*; do [ -x "$t" ] && targets+=("$(basename "$t")"); done
  one_fuzz() {  # name: runs one target from a scratch copy of its corpus (new inputs stay out of git)
    local name=$1 short=${1#fuzz_} log="$RESULTS/$1.log" t1=$SECONDS ok=1
    local work="$ASAN_BUILD/fuzz-corpus/$short"
    rm -rf "$work"; mkdir -p "$work"
    # -timeout: one input taking 30 s is a hang; -rss_limit_mb: a runaway allocation.
    "$ASAN_BUILD/tests/fuzz/$name" -max_total_time="$FUZZ_SECONDS" -timeout=30 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$RESULTS/$name-" "$work" "tests/fuzz/corpus/$short" > "$log" 2>&1 || ok=0
    local runs; runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    if [ $ok = 1 ]; then
      echo "ok: $name (${runs:-?} inputs, $((SECONDS - t1)) s)"
    else
      echo "FAILED: $name ($((SECONDS - t1)) s; the input is saved as $RESULTS/$name-crash-*)"
      grep -m1 -B2 -A30 -E 'FUZZ MISMATCH|ERROR: (Address|Leak|libFuzzer)|runtime error' "$log" || tail -40 "$log"
    fi
    junit_case "$name" "$ok" "$log" $((SECONDS - t1))
  }
  in_parallel one_fuzz "${targets[@]}"
  [ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets built"; failed_steps+=(fuzz); return; }
  grep -l '<failure' "$RESULTS"/fuzz_*.xml >/dev/null 2>&1 && failed_steps+=(fuzz)
}

case "$what" in
  # The quick suites first, the 2^32-input sweeps last.
  all) run_cpp; run_python; run_lint; run_sanitize; run_tsan; run_fuzz; run_qemu; run_exhaustive ;;
  cpp) run_cpp; run_exhaustive ;;
  qemu) run_qemu ;;
  python) run_python ;;
  sanitize) run_sanitize ;;
  tsan) run_tsan ;;
  fuzz) run_fuzz ;;
  lint) run_lint ;;
  *) echo "usage: $0 [all|cpp|qemu|python|sanitize|tsan|fuzz|lint]"; exit 2 ;;
esac

step "Summary"
[ ${#failed_steps[@]} -eq 0 ] || echo "failed steps: ${failed_steps[*]}"
python3 tools/summarize_junit.py "$RESULTS"
rc=$?
[ ${#failed_steps[@]} -eq 0 ] && exit $rc || exit 1
