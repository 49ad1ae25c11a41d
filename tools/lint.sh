#!/usr/bin/env bash
# lint.sh: clang-format (no changes allowed) over every tracked C++ file, and clang-tidy
# (.clang-tidy; warnings are errors) over the library's front-ends, the dispatcher, one ISA
# unit (the kernels and wrappers are checked through it) and the Python bindings.
# Needs a configured build (compile_commands.json); configures one if missing.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
status=0
echo "clang-format:"
format_out=$(git ls-files '*.cpp' '*.hpp' '*.inl' '*.cu' '*.cuh' | xargs clang-format --dry-run 2>&1)
if [ -n "$format_out" ]; then
  echo "$format_out" | grep ': warning:' | cut -d: -f1 | sort | uniq -c | sed 's/^/  findings in /'
  echo "  $(echo "$format_out" | grep -c ': warning:') findings (make format fixes them)"
  status=1
fi
echo "clang-tidy:"
[ -f "$BUILD/compile_commands.json" ] || cmake -S . -B "$BUILD" -G Ninja >/dev/null
tidy_files=(src/core/*.cpp src/cpu/dispatch.cpp src/cpu/isa/scalar.cpp)
grep -q '"file": ".*python/src/module.cpp"' "$BUILD/compile_commands.json" && tidy_files+=(python/src/*.cpp)
for f in "${tidy_files[@]}"; do
  out=$(clang-tidy -quiet -p "$BUILD" "$f" 2>/dev/null)
  if echo "$out" | grep -qE '(warning|error):'; then
    echo "$out" | grep -E '(warning|error):'
    status=1
  fi
done
[ $status = 0 ] && echo "lint: clean" || echo "lint: problems found"
exit $status
