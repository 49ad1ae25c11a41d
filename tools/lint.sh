#!/usr/bin/env bash
# lint.sh: clang-format (no changes allowed) over the C++ sources, and clang-tidy over the
# library's front-ends (the ISA units are checked through the same headers and kernels).
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
status=0
echo "clang-format:"
if ! git ls-files '*.cpp' '*.hpp' '*.inl' | xargs clang-format --dry-run -Werror 2>&1 | tail -20; then status=1; fi
git ls-files '*.cpp' '*.hpp' '*.inl' | xargs clang-format --dry-run -Werror >/dev/null 2>&1 || status=1
echo "clang-tidy:"
[ -f "$BUILD/compile_commands.json" ] || cmake -S . -B "$BUILD" -G Ninja >/dev/null
for f in src/core/*.cpp src/cpu/dispatch.cpp src/cpu/isa/scalar.cpp; do
  clang-tidy -quiet -p "$BUILD" "$f" 2>/dev/null | grep -E 'warning|error' && status=1
done
[ $status = 0 ] && echo "lint: clean" || echo "lint: problems found"
exit $status
