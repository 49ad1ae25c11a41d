#!/usr/bin/env bash
# isa_audit.sh OBJECT...: checks the object code of the library: each ISA unit contains its
# instruction set (zmm + FMA in avx512, ymm + FMA in avx2), the units for older CPUs contain
# no VEX/EVEX (AVX) instructions, and neither does any object outside the ISA units.
# Prints one line per object; exits 1 on the first violation found (after printing all).
set -uo pipefail
OBJDUMP=${OBJDUMP:-objdump}
status=0
for obj in "$@"; do
  name=$(basename "$obj")
  dis=$($OBJDUMP -d --no-show-raw-insn "$obj" | awk -F'\t' 'NF >= 2 {print $2}')
  total=$(printf '%s\n' "$dis" | grep -c .)
  avx=$(printf '%s\n' "$dis" | grep -cE '^v[a-z]')
  zmm=$(printf '%s\n' "$dis" | grep -c 'zmm')
  ymm=$(printf '%s\n' "$dis" | grep -c 'ymm')
  fma=$(printf '%s\n' "$dis" | grep -cE '^vfn?m(add|sub)')
  verdict=ok
  case "$name" in
    avx512.cpp.o) [ "$zmm" -gt 0 ] && [ "$fma" -gt 0 ] || verdict="FAIL: no zmm/FMA code" ;;
    avx2.cpp.o)   { [ "$ymm" -gt 0 ] && [ "$fma" -gt 0 ] && [ "$zmm" -eq 0 ]; } || verdict="FAIL: needs ymm + FMA and no zmm" ;;
    *)            [ "$avx" -eq 0 ] || verdict="FAIL: $avx AVX instructions outside the AVX units" ;;
  esac
  printf '%-20s instructions=%-6s avx=%-6s zmm=%-6s ymm=%-6s fma=%-5s %s\n' "$name" "$total" "$avx" "$zmm" "$ymm" "$fma" "$verdict"
  [ "$verdict" = ok ] || status=1
done
exit $status
