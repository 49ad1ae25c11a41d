# Makefile: the two commands of the README (make bench, make test) and developer targets.
# Every target does its own set-up (tools/setup.sh: Debian packages if missing, .venv).
SHELL := /bin/bash
BUILD ?= build
VENV ?= .venv
PY := $(VENV)/bin/python
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all setup configure build test test-cpp test-qemu test-python bench bench-cpp bench-compare \
        icount-update size-update lint format clean test-sanitize test-tsan test-fuzz fuzz

all: build

setup:
	@tools/setup.sh

configure: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DTRUENO_BUILD_TESTS=ON -DTRUENO_BUILD_BENCHMARKS=ON -DTRUENO_BUILD_PYTHON=ON \
	  -DPython_EXECUTABLE=$(abspath $(PY)) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Every test: C++ suites on every backend, build audits, the emulated CPUs (no AVX-512 / AVX2 /
# AVX, and aarch64), Python; ends with one summary line "N passed, N failed, N skipped".
test: build
	@tools/run_tests.sh all

test-cpp: build
	@tools/run_tests.sh cpp

test-qemu: build
	@tools/run_tests.sh qemu

test-python: build
	@tools/run_tests.sh python

# The checking builds (docs/design.md, "Sanitizers and fuzzing"): ASan + LSan + UBSan over the
# C++ suites (build-asan/), TSan over the thread pool (build-tsan/), the libFuzzer targets for
# FUZZ_SECONDS each (30 in make test; `make fuzz` runs them 5 minutes each, 2 at a time). They build their own
# directories with clang; none needs the Release build.
FUZZ_SECONDS ?= 300
test-sanitize: setup
	@tools/run_tests.sh sanitize

test-tsan: setup
	@tools/run_tests.sh tsan

test-fuzz: setup
	@tools/run_tests.sh fuzz

fuzz: setup
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tools/run_tests.sh fuzz

# The main job: release build, the side-by-side comparison against NumPy (table + report +
# chart under bench/results/).
bench: build
	@tools/run_bench.sh

# Google Benchmark suite only (op/backend/n, with memcpy of the same bytes).
bench-cpp: build
	@env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(BUILD)/bench/trueno_bench \
	  --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

# Timing regression check for developers: trueno_bench of REV (default HEAD, built in its own
# worktree under build-compare/) against the working tree's, interleaved on this machine; per
# benchmark the median new/old ratio over ROUNDS with its noise. FILTER: a --benchmark_filter
# (default: a representative subset); THREADS: TRUENO_NUM_THREADS of both (0: the default).
REV ?= HEAD
ROUNDS ?= 5
FILTER ?=
THREADS ?= 1
bench-compare: setup
	@python3 tools/bench_compare.py --rev '$(REV)' --build $(abspath $(BUILD)) --rounds $(ROUNDS) \
	  --filter '$(FILTER)' --threads $(THREADS) --jobs $(JOBS)

# Rewrite the committed figures of the CI gates (README, Contributing: when that is legitimate):
# the instruction counts (bench/icount_baseline.json) and the binary sizes (bench/binary_size.json).
icount-update: build
	@TRUENO_UPDATE_BASELINE=1 ctest --test-dir $(BUILD) -R '^icount_gate$$' --verbose

size-update: build
	@TRUENO_UPDATE_BASELINE=1 ctest --test-dir $(BUILD) -R '^size_gate$$' --verbose

lint: setup
	@tools/lint.sh

format:
	@git ls-files '*.cpp' '*.hpp' '*.inl' | xargs clang-format -i

clean:
	rm -rf $(BUILD) build-*
	git worktree prune  # build-compare/src was a worktree (make bench-compare)
