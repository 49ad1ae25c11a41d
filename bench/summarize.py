#!/usr/bin/env python3
"""summarize.py RESULTS.json [--ghz GHZ]: the ratios of a Google Benchmark run
(--benchmark_format=json, or --benchmark_out) of trueno_bench or bench_math, as markdown tables:
  - bandwidth vs memcpy / memchr of the same traffic (trueno_bench's memory-bound ops, 1M, 10M);
  - time vs memcpy of the same n floats, ns per element and elements per cycle (bench_math,
    whose memcpy/-/n rows copy what a unary op reads and writes);
  - best backend vs scalar in cache (1K, 10K);
  - allocating vs span forms.
Uses the median aggregate when the run had repetitions, else the single measurement. GHZ (for
elements per cycle) defaults to the run's reported clock."""
import argparse
import json
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


def ns(row, key="real_time"):
    return row[key] * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[row.get("time_unit", "ns")]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results")
    ap.add_argument("--ghz", type=float, help="core clock for elements per cycle (default: the run's)")
    args = ap.parse_args()
    ctx, rows = load(args.results)
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
    best = backends[-1] if backends else "-"
    print(f"machine: {ctx.get('num_cpus')} cpus @ {ctx.get('mhz_per_cpu')} MHz; best backend: {best}")

    lines = []
    for (op, n), per in sorted(by.items()):
        if n < 1_000_000 or op not in ARRAYS or best not in per:
            continue
        traffic = ARRAYS[op] * n * 4
        ref = f"memchr/{traffic}" if op in READ_ONLY else f"memcpy/{traffic // 2}"
        if ref not in bw:
            continue
        g = bw[per[best]] / 1e9
        lines.append(f"| {op} | {n:,} | {g:.1f} | {bw[ref] / 1e9:.1f} | {bw[per[best]] / bw[ref]:.2f} |")
    section("Bandwidth as a fraction of the memory limit (same traffic), best backend",
            "| op | n | GB/s | limit GB/s | fraction |", lines)

    # bench_math: memcpy/-/n copies n floats, the bytes a unary op reads and writes. Row ops
    # (softmax_c1024 ...) process whole rows (up to 3% below n): ns per element from items/s.
    memcpy = {int(k.split("/")[2]): ns(v) for k, v in rows.items() if k.startswith("memcpy/-/")}
    ghz = args.ghz or (ctx.get("mhz_per_cpu") or 2000) / 1000
    lines = []
    for (op, n), per in sorted(by.items(), key=lambda kv: (kv[0][1], kv[0][0])) if memcpy else ():
        for b in backends:
            if b in per:
                row = rows[per[b]]
                el = 1e9 / row["items_per_second"] if row.get("items_per_second") else ns(row) / n
                ratio = f"{el * n / memcpy[n]:.2f}" if n in memcpy else "-"
                lines.append(f"| {op} | {b} | {n:,} | {el:.3f} | {1 / (el * ghz):.2f} | {ratio} |")
    section(f"Time / memcpy of the same n (bench_math); elements per cycle at {ghz:.1f} GHz",
            "| op | backend | n | ns/element | elements/cycle | time / memcpy |", lines)

    lines = []
    for (op, n), per in sorted(by.items()):
        if n not in (1000, 10000) or "scalar" not in per or op.endswith("_alloc") or len(backends) < 2:
            continue
        cells = [f"{t[per['scalar']] / t[per[b]]:.1f}x" if b in per else "-" for b in backends[1:]]
        lines.append(f"| {op} | {n:,} | " + " | ".join(cells) + " |")
    section("Speed-up of each backend over scalar (time ratio)", "| op | n | " + " | ".join(backends[1:]) + " |",
            lines)

    lines = []
    for (op, n), per in sorted(by.items()):
        if not op.endswith("_alloc") or best not in per:
            continue
        span = by.get((op[: -len("_alloc")], n), {}).get(best)
        if span:
            lines.append(f"| {op[:-6]} | {n:,} | {t[per[best]] / t[span]:.2f} |")
    section(f"Allocating form time / span form time ({best})", "| op | n | ratio |", lines)


def section(title, header, lines):
    """One markdown table, left out when it has no rows."""
    if lines:
        cols = header.count("|") - 1
        print(f"\n### {title}\n\n{header}\n|" + "---|" * cols)
        print("\n".join(lines))

if __name__ == "__main__":
    main()
