#!/usr/bin/env python3
"""compare_blas.py: trueno's matrix ops against NumPy (OpenBLAS/LAPACK, one thread) on this machine.

Runs NumPy timings, then the Google Benchmark binary (trueno_bench_matrix) with JSON output,
and prints one markdown table per family with both results and their ratio.
Run with a single BLAS thread, as the targets are single-thread:
    OPENBLAS_NUM_THREADS=1 env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
        python bench/compare_blas.py --bench build/bench/trueno_bench_matrix
NumPy times include its Python call overhead (what a NumPy user pays); trueno's are C++ calls.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

MATMUL_N = [8, 16, 32, 48, 64, 96, 128, 256, 512, 1024, 2048]
GEMV = [(4096, 11008), (11008, 4096), (1024, 1024), (8192, 8192)]
TRANSPOSE = [(2048, 128), (128, 2048), (1024, 1024), (4096, 4096)]
EIGEN_N = [16, 32, 64, 128, 256, 512]


def median_seconds(fn, min_time=0.2, max_reps=200):
    """Median wall time of fn() over repeats filling ~min_time (at least 5)."""
    fn()
    times = []
    start = time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < min_time and len(times) < max_reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def numpy_results():
    rng = np.random.default_rng(0)
    res = {}
    for n in MATMUL_N:
        a = rng.random((n, n), dtype=np.float32) - 0.5
        b = rng.random((n, n), dtype=np.float32) - 0.5
        c = np.empty((n, n), np.float32)
        res[("matmul_f32", str(n))] = median_seconds(lambda: np.matmul(a, b, out=c))
    for r, c_ in GEMV:
        # vecmat: x (r) @ A (r x c); matvec: A (c x r) @ x (r), the weight-layout form.
        a = rng.random((r, c_), dtype=np.float32)
        x = rng.random(r, dtype=np.float32)
        y = np.empty(c_, np.float32)
        res[("vecmat_f32", f"{r}x{c_}")] = median_seconds(lambda: np.matmul(x, a, out=y))
        at = np.ascontiguousarray(a.T)
        res[("matvec_f32", f"{c_}x{r}")] = median_seconds(lambda: np.matmul(at, x, out=y))
    for r, c_ in TRANSPOSE:
        a = rng.random((r, c_), dtype=np.float32)
        out = np.empty((c_, r), np.float32)
        res[("transpose_f32", f"{r}x{c_}")] = median_seconds(lambda: np.copyto(out, a.T))
    for n in EIGEN_N:
        m = rng.random((n, n)) - 0.5
        m = m + m.T
        res[("symmetric_eigen_f64", str(n))] = median_seconds(lambda: np.linalg.eigh(m), min_time=0.3, max_reps=50)
        mf = m.astype(np.float32)
        res[("symmetric_eigen_f32", str(n))] = median_seconds(lambda: np.linalg.eigh(mf), min_time=0.3, max_reps=50)
    return res


def trueno_results(bench, backend):
    filt = (f"(matmul_f32|vecmat_f32|matvec_f32|transpose_f32|symmetric_eigen_f64|symmetric_eigen_f32)/{backend}/")
    out = subprocess.run([bench, f"--benchmark_filter={filt}", "--benchmark_format=json",
                          "--benchmark_min_time=0.2"], check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    res = {}
    for b in data["benchmarks"]:
        op, _, size = b["name"].split("/")[:3]
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        res[(op, size)] = (b["cpu_time"] * scale, b)
    return res, data.get("context", {})


def table(title, keys, npres, trres, work):
    print(f"\n### {title}\n")
    print("| op | size | trueno | NumPy | trueno / NumPy speed | trueno counters |")
    print("|---|---|---|---|---|---|")
    for op, size in keys:
        t = trres.get((op, size))
        n = npres.get((op, size))
        if t is None or n is None:
            continue
        tt, b = t
        extra = ", ".join(f"{k} {b[k]:.2f}" for k in ("peak_frac", "read_frac", "memcpy_frac") if k in b)
        w = work(op, size)
        desc_t = f"{tt * 1e6:.1f} us" + (f" ({w / tt / 1e9:.1f} G/s)" if w else "")
        desc_n = f"{n * 1e6:.1f} us" + (f" ({w / n / 1e9:.1f} G/s)" if w else "")
        print(f"| {op} | {size} | {desc_t} | {desc_n} | {n / tt:.2f}x | {extra} |")


def work(op, size):
    if op.startswith("matmul"):
        n = int(size)
        return 2.0 * n ** 3  # flops
    if op.startswith(("vecmat", "matvec", "transpose")):
        r, c = map(int, size.split("x"))
        return 4.0 * r * c  # bytes of the matrix
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default="build/bench/trueno_bench_matrix")
    ap.add_argument("--backend", default="avx512")
    args = ap.parse_args()
    if os.environ.get("OPENBLAS_NUM_THREADS") != "1":
        print("warning: OPENBLAS_NUM_THREADS is not 1: NumPy may use several threads", file=sys.stderr)
    npres = numpy_results()
    trres, ctx = trueno_results(args.bench, args.backend)
    print(f"numpy {np.__version__}; trueno backend {args.backend}; "
          f"{ {k: v for k, v in ctx.items() if k.startswith('peak')} }")
    table("matmul float32, n x n x n (G/s = GFLOP/s)", [("matmul_f32", str(n)) for n in MATMUL_N], npres, trres, work)
    table("GEMV float32 (G/s = GB/s of the matrix)",
          [(op, f"{r}x{c}") for r, c in GEMV for op in ("vecmat_f32",)] +
          [("matvec_f32", f"{c}x{r}") for r, c in GEMV], npres, trres, work)
    table("transpose float32 (G/s = GB/s of the matrix)", [("transpose_f32", f"{r}x{c}") for r, c in TRANSPOSE],
          npres, trres, work)
    table("symmetric_eigen vs numpy.linalg.eigh", [(op, str(n)) for op in ("symmetric_eigen_f64", "symmetric_eigen_f32")
                                                  for n in EIGEN_N], npres, trres, work)


if __name__ == "__main__":
    main()
