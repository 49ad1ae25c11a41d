#!/usr/bin/env bash
# run_bench.sh: the main job (make bench): trueno against NumPy on this machine, a table on stdout
# and bench/results/{report.md,speedup.png,results.json}. Extra arguments go to compare_numpy.py
# (e.g. --quick, --ops add sum, --sizes 100 1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
PY=${PY:-.venv/bin/python}
# Set on some of these machines, they slow NumPy's OpenBLAS: the comparison runs without them
# (only here: the tests keep the environment they are given).
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
if [ ! -f "$BUILD/python/trueno/__init__.py" ]; then
  echo "run_bench: no Python package in $BUILD/python (configure with -DTRUENO_BUILD_PYTHON=ON; make build)" >&2
  exit 1
fi
export PYTHONPATH="$PWD/$BUILD/python:$PWD/bench${PYTHONPATH:+:$PYTHONPATH}"
exec "$PY" bench/compare_numpy.py "$@"
