#!/usr/bin/env python3
"""bench_ratios.py: summarises a bench_math JSON run (--benchmark_format=json): each op's time
against memcpy of the same bytes at the same n (the memory-speed ratio), ns per element and
elements per cycle at the given clock. Usage: bench_ratios.py RUN.json [GHZ]"""
import json
import sys

data = json.load(open(sys.argv[1]))
ghz = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
rows = {}
for b in data['benchmarks']:
    if b.get('run_type') == 'aggregate' and b.get('aggregate_name') != 'median':
        continue
    name = b.get('run_name', b['name'])
    op, backend, n = name.split('/')
    n = int(n)
    t = b['cpu_time'] * {'ns': 1, 'us': 1e3, 'ms': 1e6}[b['time_unit']]
    rows[(op, backend, n)] = t
print('| op | backend | n | ns/element | elements/cycle @%.1f GHz | time / memcpy |' % ghz)
print('| --- | --- | --- | --- | --- | --- |')
for (op, backend, n), t in sorted(rows.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1])):
    if op == 'memcpy':
        continue
    ns = t / n
    m = rows.get(('memcpy', '-', n))
    items = next((b['items_per_second'] for b in data['benchmarks'] if b.get('run_name', b['name']) == '%s/%s/%d' % (op, backend, n)), None)
    if items:  # row ops process whole rows: ns/element from the reported rate
        ns = 1e9 / items
    print('| %s | %s | %d | %.3f | %.2f | %s |' % (op, backend, n, ns, 1 / (ns * ghz), '%.2f' % (ns * n / m) if m else '-'))
