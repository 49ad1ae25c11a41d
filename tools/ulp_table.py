#!/usr/bin/env python3
"""ulp_table.py: turns the logs of test_math_exhaustive and test_math_random into the markdown
table of docs/accuracy.md. Usage: python3 tools/ulp_table.py EXHAUSTIVE_LOG [RANDOM_LOG ...]"""
import re
import sys

f32, f64, secs = {}, {}, {}
for path in sys.argv[1:]:
    for line in open(path):
        m = re.match(r'\[exhaustive\] (\S+)\s+(\S+)\s+max_ulp (\d+) \(bound (\d+)\).*; (\d+) inputs, ([\d.]+) s', line)
        if m:
            name, be, ulp, bound, n, t = m.groups()
            f32.setdefault(name, {'bound': bound, 'n': n})[be] = ulp
            secs[name] = float(t)
        m = re.match(r'\[f64 random\] (\S+)\s+(\S+)\s+max_ulp (\d+) \(bound (\d+)\).*; (\d+) samples', line)
        if m:
            name, be, ulp, bound, n = m.groups()
            f64.setdefault(name, {'bound': bound, 'n': n})[be] = ulp
print('| function | f32 bound | f32 scalar/sse2 | f32 avx2/avx512/neon | f32 inputs | f64 bound | f64 scalar/sse2 | f64 avx512 | f64 samples |')
print('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
for name in list(dict.fromkeys(list(f32) + list(f64))):
    a, b = f32.get(name, {}), f64.get(name, {})
    n = a.get('n', '-')
    n = 'all 2^32' if n == '4294967296' else ('2^32/%d' % round(2 ** 32 / int(n)) if n != '-' else '-')
    print('| %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
        name, a.get('bound', '-'), a.get('scalar', '-'), a.get('avx512', a.get('avx2', '-')), n,
        b.get('bound', '-'), b.get('scalar', '-'), b.get('avx512', b.get('avx2', '-')), b.get('n', '-')))
if secs:
    print('\nexhaustive wall seconds (sum over functions): %.0f' % sum(secs.values()))
