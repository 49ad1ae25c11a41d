#!/usr/bin/env python3
"""summarize.py RESULTS.json: the ratios of a Google Benchmark run of trueno_bench, as
markdown tables: bandwidth vs memcpy / memchr of the same traffic (memory-bound ops, 1M and
10M), best backend vs scalar in cache (1K, 10K), allocating vs span forms. Uses the median
aggregate when the run had repetitions, else the single measurement."""
import json
import sys
from collections import defaultdict

ARRAYS = {"add": 3, "mul": 3, "div": 3, "fma": 4, "scale": 2, "clamp": 2, "abs": 2, "sqrt": 2,
          "round": 2, "maximum": 3, "zscore": 2, "sum": 1, "dot": 2, "max": 1, "argmax": 1,
          "norm_l2": 1, "variance": 1}
READ_ONLY = {"sum", "dot", "max", "argmax", "norm_l2", "variance"}


def load(path):
    data = json.load(open(path))
    rows = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue
        name = b["run_name"] if b.get("run_type") == "aggregate" else b["name"]
        rows[name] = b
    return data.get("context", {}), rows


def main():
    ctx, rows = load(sys.argv[1])
    bw = {k: v.get("bytes_per_second", 0.0) for k, v in rows.items()}
    t = {k: v["real_time"] for k, v in rows.items()}
    by = defaultdict(dict)
    order = ["scalar", "sse2", "neon", "avx2", "avx512"]
    # op/backend/n rows only (memcpy/-/n, matrix shapes such as 4096x11008 and the
    # .../real_time rows of threaded runs are not this table's).
    named = [(k, k.split("/")) for k in rows]
    named = [(k, p) for k, p in named if len(p) == 3 and p[1] in order and p[2].isdigit()]
    for k, parts in named:
        by[(parts[0], int(parts[2]))][parts[1]] = k
    backends = sorted({p[1] for _, p in named}, key=order.index)
    best = backends[-1]
    print(f"machine: {ctx.get('num_cpus')} cpus @ {ctx.get('mhz_per_cpu')} MHz; best backend: {best}\n")

    print("### Bandwidth as a fraction of the memory limit (same traffic), best backend\n")
    print("| op | n | GB/s | limit GB/s | fraction |\n|---|---|---|---|---|")
    for (op, n), per in sorted(by.items()):
        if n < 1_000_000 or op not in ARRAYS or best not in per:
            continue
        traffic = ARRAYS[op] * n * 4
        ref = f"memchr/{traffic}" if op in READ_ONLY else f"memcpy/{traffic // 2}"
        if ref not in bw:
            continue
        g = bw[per[best]] / 1e9
        print(f"| {op} | {n:,} | {g:.1f} | {bw[ref] / 1e9:.1f} | {bw[per[best]] / bw[ref]:.2f} |")

    print(f"\n### Speed-up of each backend over scalar (time ratio)\n")
    print("| op | n | " + " | ".join(backends[1:]) + " |\n|---|---|" + "---|" * (len(backends) - 1))
    for (op, n), per in sorted(by.items()):
        if n not in (1000, 10000) or "scalar" not in per or op.endswith("_alloc"):
            continue
        cells = [f"{t[per['scalar']] / t[per[b]]:.1f}x" if b in per else "-" for b in backends[1:]]
        print(f"| {op} | {n:,} | " + " | ".join(cells) + " |")

    print(f"\n### Allocating form time / span form time ({best})\n")
    print("| op | n | ratio |\n|---|---|---|")
    for (op, n), per in sorted(by.items()):
        if not op.endswith("_alloc") or best not in per:
            continue
        span = by.get((op[: -len("_alloc")], n), {}).get(best)
        if span:
            print(f"| {op[:-6]} | {n:,} | {t[per[best]] / t[span]:.2f} |")


if __name__ == "__main__":
    main()
