#!/usr/bin/env python3
"""compare_numpy.py: trueno against NumPy (and PyTorch if importable) on the same arrays in the
same process: every op NumPy can express, n = 100 ... 10M, with the memory limit (np.copyto of
the same bytes) as the yardstick. Prints a table, writes bench/results/report.md, speedup.png
and results.json. Run through tools/run_bench.sh (make bench) with PYTHONPATH=build/python.

Timing: each (op, dtype, n) is warmed up, then a batch size is chosen so one repetition lasts
~0.5 ms, repeated until ~target seconds per side; trueno and NumPy repetitions alternate (both
see the same machine load); the median per-call time of each is reported, and the speedup is
the median of the per-repetition ratios. Adding an op is one line in OPS.
"""
import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

import trueno
from report import fmt_n, fmt_time, write_chart, write_report  # bench/report.py

try:
    import torch
except ImportError:  # optional
    torch = None

SIZES = [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]
ONE_THREAD_FROM = 100_000  # sizes from which trueno is also timed with one thread
ENV_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OMP_WAIT_POLICY",
            "TRUENO_BACKEND", "TRUENO_NUM_THREADS")  # recorded in the report
F32, F64 = np.float32, np.float64


@dataclass(frozen=True)
class Op:
    """One benchmarked op. `trueno`, `numpy` and `torch` take the input arrays (tensors for torch)."""

    name: str
    trueno: Callable
    numpy: Callable
    arrays: int = 1  # input arrays of n elements
    writes: float = 1  # output arrays of n elements (0 for reductions, 0.5 for a view of every other)
    low: float = -10.0  # inputs are uniform in [low, high)
    high: float = 10.0
    f64: bool = False  # also measured in float64
    torch: Optional[Callable] = None


def minmax_np(x):
    lo = x.min()
    return (x - lo) / (x.max() - lo)


def cov_np(a, b):
    return np.dot(a - a.mean(), b - b.mean()) / a.size


def corr_np(a, b):
    da, db = a - a.mean(), b - b.mean()
    return np.dot(da, db) / math.sqrt(np.dot(da, da) * np.dot(db, db))


def as_rows(x, cols):
    """x (n elements) as a (n // cols, cols) view (one row of n when n < cols): row-wise ops over
    the same total n as the other ops."""
    c = min(cols, x.size)
    return x[: x.size // c * c].reshape(-1, c)


def as_square(x, cap=1024):
    """x as its leading s x s block, s = min(floor(sqrt(n)), cap): matmul at n = 100 ... 10M gives
    s = 10, 31, 100, 316, 1000, 1024."""
    s = min(math.isqrt(x.size), cap)
    return x[: s * s].reshape(s, s)


def softmax_np(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax_np(x):
    s = x - x.max(axis=-1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def layer_norm_np(x, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(x.var(axis=-1, keepdims=True) + x.dtype.type(eps))


def gelu_tanh_np(x):
    c = x.dtype.type(math.sqrt(2.0 / math.pi))
    return x.dtype.type(0.5) * x * (1 + np.tanh(c * (x + x.dtype.type(0.044715) * x * x * x)))


try:
    from scipy.special import erf as scipy_erf
except ImportError:  # optional: gelu (exact) and erf are skipped without SciPy
    scipy_erf = None


def gelu_np(x):
    return x.dtype.type(0.5) * x * (1 + scipy_erf(x * x.dtype.type(1 / math.sqrt(2.0))))


def torch_rows(f, cols):
    return lambda x: f(x[: x.numel() // min(cols, x.numel()) * min(cols, x.numel())].reshape(-1, min(cols, x.numel())))


def transposed_shape(x, cols):
    """x as a C-ordered array of the shape of as_rows(x, cols).T."""
    r = as_rows(x, cols)
    return x[: r.size].reshape(r.shape[::-1])


def torch_square(x, cap=1024):
    s = min(math.isqrt(x.numel()), cap)
    return x[: s * s].reshape(s, s)


# The NumPy column is the fastest idiomatic NumPy expression of the same result.
OPS = [
    Op("add", trueno.add, np.add, 2, f64=True, torch=lambda a, b: torch.add(a, b)),
    Op("sub", trueno.sub, np.subtract, 2, torch=lambda a, b: torch.sub(a, b)),
    Op("mul", trueno.mul, np.multiply, 2, f64=True, torch=lambda a, b: torch.mul(a, b)),
    Op("div", trueno.div, np.divide, 2, low=0.5, torch=lambda a, b: torch.div(a, b)),
    Op("minimum", trueno.minimum, np.minimum, 2, torch=lambda a, b: torch.minimum(a, b)),
    Op("maximum", trueno.maximum, np.maximum, 2, torch=lambda a, b: torch.maximum(a, b)),
    Op("copysign", trueno.copysign, np.copysign, 2, torch=lambda a, b: torch.copysign(a, b)),
    Op("add(out=a)", lambda a, b: trueno.add(a, b, out=a), lambda a, b: np.add(a, b, out=a), 2, f64=True,
       torch=lambda a, b: a.add_(b)),
    Op("scale", lambda x: trueno.scale(x, 1.5), lambda x: np.multiply(x, x.dtype.type(1.5)),
       torch=lambda x: torch.mul(x, 1.5)),
    Op("clamp", lambda x: trueno.clamp(x, -2.0, 2.0), lambda x: np.clip(x, -2.0, 2.0), f64=True,
       torch=lambda x: torch.clamp(x, -2.0, 2.0)),
    Op("lerp", lambda a, b: trueno.lerp(a, b, 0.25), lambda a, b: a + a.dtype.type(0.25) * (b - a), 2,
       torch=lambda a, b: torch.lerp(a, b, 0.25)),
    Op("fma", trueno.fma, lambda a, b, c: a * b + c, 3, f64=True, torch=lambda a, b, c: torch.addcmul(c, a, b)),
    Op("abs", trueno.abs, np.abs, torch=lambda x: torch.abs(x)),
    Op("neg", trueno.neg, np.negative, torch=lambda x: torch.neg(x)),
    Op("sqrt", trueno.sqrt, np.sqrt, low=0.0, f64=True, torch=lambda x: torch.sqrt(x)),
    Op("sqrt(out=x)", lambda x: trueno.sqrt(x, out=x), lambda x: np.sqrt(x, out=x), low=1.0, high=1.0),
    Op("recip", trueno.recip, np.reciprocal, low=0.5, torch=lambda x: torch.reciprocal(x)),
    Op("floor", trueno.floor, np.floor, torch=lambda x: torch.floor(x)),
    Op("ceil", trueno.ceil, np.ceil, torch=lambda x: torch.ceil(x)),
    Op("round", trueno.round, np.rint, torch=lambda x: torch.round(x)),
    Op("trunc", trueno.trunc, np.trunc, torch=lambda x: torch.trunc(x)),
    Op("fract", trueno.fract, lambda x: x - np.trunc(x), torch=lambda x: torch.frac(x)),
    Op("signum", trueno.signum, np.sign, torch=lambda x: torch.sign(x)),
    Op("sum", trueno.sum, np.sum, writes=0, f64=True, torch=lambda x: torch.sum(x)),
    Op("mean", trueno.mean, np.mean, writes=0, torch=lambda x: torch.mean(x)),
    Op("min", trueno.min, np.min, writes=0, torch=lambda x: torch.min(x)),
    Op("max", trueno.max, np.max, writes=0, f64=True, torch=lambda x: torch.max(x)),
    Op("argmin", trueno.argmin, np.argmin, writes=0, torch=lambda x: torch.argmin(x)),
    Op("argmax", trueno.argmax, np.argmax, writes=0, f64=True, torch=lambda x: torch.argmax(x)),
    Op("dot", trueno.dot, np.dot, 2, writes=0, f64=True, torch=lambda a, b: torch.dot(a, b)),
    Op("norm_l1", trueno.norm_l1, lambda x: np.linalg.norm(x, 1), writes=0,
       torch=lambda x: torch.linalg.vector_norm(x, 1)),
    Op("norm_l2", trueno.norm_l2, np.linalg.norm, writes=0, f64=True, torch=lambda x: torch.linalg.vector_norm(x)),
    Op("norm_linf", trueno.norm_linf, lambda x: np.linalg.norm(x, np.inf), writes=0,
       torch=lambda x: torch.linalg.vector_norm(x, float("inf"))),
    Op("sum_of_squares", trueno.sum_of_squares, lambda x: np.dot(x, x), writes=0, torch=lambda x: torch.dot(x, x)),
    Op("variance", trueno.variance, np.var, writes=0, f64=True, torch=lambda x: torch.var(x, correction=0)),
    Op("stddev", trueno.stddev, np.std, writes=0, torch=lambda x: torch.std(x, correction=0)),
    Op("covariance", trueno.covariance, cov_np, 2, writes=0),
    Op("correlation", trueno.correlation, corr_np, 2, writes=0),
    Op("normalize", trueno.normalize, lambda x: x / np.linalg.norm(x),
       torch=lambda x: x / torch.linalg.vector_norm(x)),
    Op("zscore", trueno.zscore, lambda x: (x - x.mean()) / x.std(), f64=True,
       torch=lambda x: (x - x.mean()) / x.std(correction=0)),
    Op("minmax_normalize", trueno.minmax_normalize, minmax_np,
       torch=lambda x: (x - x.min()) / (x.max() - x.min())),
    Op("exp", trueno.exp, np.exp, f64=True, torch=lambda x: torch.exp(x)),
    Op("log", trueno.log, np.log, low=0.0, f64=True, torch=lambda x: torch.log(x)),
    Op("tanh", trueno.tanh, np.tanh, torch=lambda x: torch.tanh(x)),
    Op("sigmoid", trueno.sigmoid, lambda x: 1 / (1 + np.exp(-x)), f64=True, torch=lambda x: torch.sigmoid(x)),
    Op("relu", trueno.relu, lambda x: np.maximum(x, 0), torch=lambda x: torch.relu(x)),
    Op("gelu(tanh)", lambda x: trueno.gelu(x, "tanh"), gelu_tanh_np,
       torch=lambda x: torch.nn.functional.gelu(x, approximate="tanh")),
    *([Op("gelu", trueno.gelu, gelu_np, torch=lambda x: torch.nn.functional.gelu(x)),
       Op("erf", trueno.erf, scipy_erf, torch=lambda x: torch.erf(x))] if scipy_erf else []),
    Op("swish", trueno.swish, lambda x: x / (1 + np.exp(-x)), torch=lambda x: torch.nn.functional.silu(x)),
    Op("softplus", trueno.softplus, lambda x: np.logaddexp(0, x), torch=lambda x: torch.nn.functional.softplus(x)),
    Op("softmax(rows x 1024)", lambda x: trueno.softmax(as_rows(x, 1024)), lambda x: softmax_np(as_rows(x, 1024)),
       torch=torch_rows(lambda x: torch.softmax(x, -1), 1024)),
    Op("softmax(rows x 32768)", lambda x: trueno.softmax(as_rows(x, 32768)),
       lambda x: softmax_np(as_rows(x, 32768)), torch=torch_rows(lambda x: torch.softmax(x, -1), 32768)),
    Op("log_softmax(rows x 1024)", lambda x: trueno.log_softmax(as_rows(x, 1024)),
       lambda x: log_softmax_np(as_rows(x, 1024)), torch=torch_rows(lambda x: torch.log_softmax(x, -1), 1024)),
    Op("layer_norm(rows x 1024)", lambda x: trueno.layer_norm(as_rows(x, 1024)),
       lambda x: layer_norm_np(as_rows(x, 1024)),
       torch=torch_rows(lambda x: torch.nn.functional.layer_norm(x, x.shape[-1:]), 1024)),
    # Array semantics: broadcasting (a row, a column, a Python scalar) and strided operands (every
    # other element; transposes: of both operands, whose result is laid out alike, or of one).
    Op("x + row (rows x 512)", lambda x: trueno.add(as_rows(x, 512), x[:512]),
       lambda x: np.add(as_rows(x, 512), x[:512]), f64=True, torch=lambda x: torch.add(torch_rows(lambda r: r, 512)(x), x[:512])),
    Op("x * col (rows x 512)", lambda x: trueno.mul(as_rows(x, 512), as_rows(x, 512)[:, :1]),
       lambda x: np.multiply(as_rows(x, 512), as_rows(x, 512)[:, :1]),
       torch=lambda x: torch.mul(torch_rows(lambda r: r, 512)(x), torch_rows(lambda r: r[:, :1], 512)(x))),
    Op("x * 2.0", lambda x: trueno.mul(x, 2.0), lambda x: np.multiply(x, 2.0), f64=True, torch=lambda x: torch.mul(x, 2.0)),
    Op("a[::2] + b[::2]", lambda a, b: trueno.add(a[::2], b[::2]), lambda a, b: np.add(a[::2], b[::2]), 2, writes=0.5,
       torch=lambda a, b: torch.add(a[::2], b[::2])),
    Op("exp(x[::2])", lambda x: trueno.exp(x[::2]), lambda x: np.exp(x[::2]), writes=0.5, torch=lambda x: torch.exp(x[::2])),
    Op("a.T + b.T (512 x rows)", lambda a, b: trueno.add(as_rows(a, 512).T, as_rows(b, 512).T),
       lambda a, b: np.add(as_rows(a, 512).T, as_rows(b, 512).T), 2,
       torch=lambda a, b: torch.add(torch_rows(lambda r: r.T, 512)(a), torch_rows(lambda r: r.T, 512)(b))),
    Op("a.T + b (512 x rows)", lambda a, b: trueno.add(as_rows(a, 512).T, transposed_shape(b, 512)),
       lambda a, b: np.add(as_rows(a, 512).T, transposed_shape(b, 512)), 2,
       torch=lambda a, b: torch.add(torch_rows(lambda r: r.T, 512)(a),
                                    torch.from_numpy(transposed_shape(b.numpy(), 512)))),
    # Reductions and softmax along either axis of (rows x 512) and (512 x cols) float32 arrays.
    *[Op(f"{name}(axis={axis}) ({shape})", (lambda f, a, sh: lambda x: f(sh(x), axis=a))(tf, axis, shaper),
         (lambda f, a, sh: lambda x: f(sh(x), axis=a))(nf, axis, shaper), writes=0,
         torch=(lambda f, a, sh: lambda x: f(torch.from_numpy(sh(x.numpy())), a))(pf, axis, shaper))
      for name, tf, nf, pf in (("sum", trueno.sum, np.sum, lambda t, a: torch.sum(t, dim=a)),
                               ("max", trueno.max, np.max, lambda t, a: torch.amax(t, dim=a)),
                               ("variance", trueno.variance, np.var, lambda t, a: torch.var(t, dim=a, correction=0)))
      for shape, shaper in (("rows x 512", lambda x: as_rows(x, 512)), ("512 x cols", lambda x: transposed_shape(x, 512)))
      for axis in (0, 1)],
    *[Op(f"softmax(axis={axis}) (rows x 512)", (lambda a: lambda x: trueno.softmax(as_rows(x, 512), axis=a))(axis),
         (lambda a: lambda x: softmax_np(as_rows(x, 512), axis=a))(axis),
         torch=(lambda a: lambda x: torch.softmax(torch_rows(lambda r: r, 512)(x), dim=a))(axis)) for axis in (0, 1)],
    # NumPy's @ is its BLAS with its default threads (not restricted to one); s = sqrt(n) <= 1024.
    Op("matmul(s x s, NumPy BLAS default threads)", lambda a, b: trueno.matmul(as_square(a), as_square(b)),
       lambda a, b: as_square(a) @ as_square(b), 2, low=-1.0, high=1.0,
       torch=lambda a, b: torch_square(a) @ torch_square(b)),
    Op("matvec(s x s)", lambda a, b: trueno.matvec(as_square(a, 1 << 16), b[: as_square(a, 1 << 16).shape[1]]),
       lambda a, b: as_square(a, 1 << 16) @ b[: as_square(a, 1 << 16).shape[1]], 2, writes=0, low=-1.0,
       high=1.0),
]


@dataclass
class Row:
    op: str
    dtype: str
    n: int
    trueno_s: float
    numpy_s: float
    speedup: float  # NumPy / trueno time: median of paired ratios (1 thread) or ratio of medians
    limit_s: float  # np.copyto of the op's minimal traffic (inputs read + outputs written)
    torch_s: Optional[float] = None
    trueno_1t_s: Optional[float] = None  # trueno limited to one thread (when its pool has more)
    ok: bool = True
    note: str = ""

    @property
    def of_limit(self):
        return self.limit_s / self.trueno_s


# OpenBLAS's workers spin 2^28 cycles (~0.13 s at 2 GHz) after a call before sleeping.
SPIN_PAUSE_S = 0.15


class Timer:
    """Short repetitions (~rep_s each), many of them: on a shared machine another process takes
    the CPU in slices of milliseconds, so it spoils whole repetitions, which the median drops."""

    def __init__(self, target, rep_s, min_reps, max_reps):
        self.target, self.rep_s, self.min_reps, self.max_reps = target, rep_s, min_reps, max_reps

    @staticmethod
    def batch(fn, number):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        return (time.perf_counter() - t0) / number

    def calibrate(self, fn):
        """Calls per repetition for fn, and its per-call time (after a warm-up call)."""
        fn()  # warm-up: first touch of pages, caches, branch predictors
        number = 1
        while True:
            t = self.batch(fn, number)
            if t * number >= self.rep_s / 2 or number >= 1 << 20:
                return max(1, round(self.rep_s / t)), t
            number *= 4

    def compare(self, fns, separate=False, pauses=None):
        """Median per-call seconds of each callable, and the NumPy / trueno time ratio (fns[1] /
        fns[0]). Interleaved (default): repetitions alternate between the callables, so load
        from other processes hits both sides alike, and the ratio is the median of the
        per-repetition ratios (drifts cancel). separate=True (threaded runs): each callable's
        repetitions run back to back (after a pause where pauses[i]), and the ratio is that of
        the medians.
        Interleaving threaded libraries makes them collide: OpenBLAS and OpenMP workers keep
        spinning on every core for up to ~0.1 s after a call, and the next library's threads
        then share the cores with them (trueno's 16-thread sum of 1M floats measured 162 us
        interleaved in Python against 47 us alone in C++). A real program calls one library at a
        time; so does this mode."""
        plans = [self.calibrate(fn) for fn in fns]
        longest = max(number * t for number, t in plans)
        low = self.min_reps if longest < 5e-3 else max(5, self.min_reps // 3)  # 10M composites: ~0.1 s a call
        reps = int(min(self.max_reps, max(low, self.target / longest)))
        samples = [[] for _ in fns]
        if separate:
            for i, fn in enumerate(fns):
                if pauses is None or pauses[i]:
                    time.sleep(SPIN_PAUSE_S)  # let the previous library's workers park
                fn()
                samples[i] = [self.batch(fn, plans[i][0]) for _ in range(reps)]
            medians = [statistics.median(s) for s in samples]
            return medians, medians[1 % len(fns)] / medians[0]
        for _ in range(reps):
            for i, fn in enumerate(fns):
                samples[i].append(self.batch(fn, plans[i][0]))
        ratio = statistics.median(b / a for a, b in zip(samples[0], samples[1 % len(fns)]))
        return [statistics.median(s) for s in samples], ratio


def make_inputs(op, dtype, n, rng):
    return [rng.uniform(op.low, op.high, n).astype(dtype) for _ in range(op.arrays)]


def results_agree(op, r_trueno, r_numpy, dtype):
    if op.name.startswith("arg"):
        return int(r_trueno) == int(r_numpy)
    a, b = np.asarray(r_trueno, dtype=np.float64), np.asarray(r_numpy, dtype=np.float64)
    rtol = 1e-4 if dtype == F32 else 1e-9
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=rtol, equal_nan=True))


class Bench:
    def __init__(self, args):
        self.timer = Timer(args.target, args.rep, args.min_reps, args.max_reps)
        self.rng = np.random.default_rng(42)
        self.copy_cache = {}
        self.threads = trueno.num_threads()

    def copy_time(self, dtype, elements):
        """np.copyto of `elements` elements: reads and writes them (the memory limit's yardstick)."""
        key = (np.dtype(dtype).name, elements)
        if key not in self.copy_cache:
            src = np.ones(elements, dtype=dtype)
            dst = np.empty_like(src)
            self.copy_cache[key] = self.timer.compare([lambda: np.copyto(dst, src)])[0][0]
        return self.copy_cache[key]

    def measure(self, op, dtype, n):
        xs = make_inputs(op, dtype, n, self.rng)
        # In-place variants mutate their inputs: each side gets its own copies.
        xt, xn = [x.copy() for x in xs], [x.copy() for x in xs]
        r_trueno = op.trueno(*[x.copy() for x in xs])
        ok = results_agree(op, r_trueno, op.numpy(*[x.copy() for x in xs]), dtype)
        if not ok and dtype == F32:  # NumPy's float32 may be the inexact one (a column sum): float64's
            ok = results_agree(op, r_trueno, op.numpy(*[x.astype(F64) for x in xs]), dtype)
        fns = {"trueno": lambda: op.trueno(*xt), "numpy": lambda: op.numpy(*xn)}
        if torch is not None and op.torch is not None:
            ts = [torch.from_numpy(x.copy()) for x in xs]
            fns["torch"] = lambda: op.torch(*ts)
        if self.threads > 1 and n >= ONE_THREAD_FROM:  # trueno's pool against its single-thread kernel
            x1 = [x.copy() for x in xs]
            fns["trueno_1t"] = lambda: self.one_thread(op.trueno, x1)
        # Threaded: one library at a time, trueno after a pause (the others' workers spin on).
        times, speedup = self.timer.compare(list(fns.values()), separate=self.threads > 1,
                                            pauses=[k.startswith("trueno") for k in fns])
        t = dict(zip(fns, times))
        traffic = int((op.arrays + op.writes) * n)  # elements read + written, once each
        limit = self.copy_time(dtype, max(1, traffic // 2))
        return Row(op.name, np.dtype(dtype).name, n, t["trueno"], t["numpy"], speedup, limit, t.get("torch"),
                   t.get("trueno_1t"), ok, "" if ok else "RESULTS DIFFER")

    def one_thread(self, fn, args):
        trueno.set_num_threads(1)
        try:
            return fn(*args)
        finally:
            trueno.set_num_threads(self.threads)


def machine_info():
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info = {
        "cpu": model,
        "logical_cpus": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "trueno": trueno.__version__,
        "trueno_build": trueno.build_info(),
        "trueno_backend": trueno.backend(),
        "trueno_threads": trueno.num_threads(),
        "torch": torch.__version__ if torch is not None else None,
        "env": {k: os.environ.get(k) for k in ENV_VARS},
    }
    try:
        from threadpoolctl import threadpool_info

        info["blas"] = [{k: p.get(k) for k in ("internal_api", "version", "num_threads", "threading_layer",
                                                "architecture")} for p in threadpool_info()]
    except ImportError:
        info["blas"] = "threadpoolctl not installed"
    return info


def print_table(rows, header=True, file=sys.stdout):
    has_torch = torch is not None
    head = f"{'op':<18} {'dtype':<8} {'n':>5} {'trueno':>10} {'numpy':>10} {'speedup':>8} {'of mem limit':>12}"
    if header:
        print(head + (f" {'torch':>10}" if has_torch else ""), file=file)
    for r in rows:
        line = (f"{r.op:<18} {r.dtype:<8} {fmt_n(r.n):>5} {fmt_time(r.trueno_s):>10} {fmt_time(r.numpy_s):>10} "
                f"{r.speedup:>7.2f}x {r.of_limit:>11.0%}")
        print(line + (f" {fmt_time(r.torch_s):>10}" if has_torch else "") + (f"  {r.note}" if r.note else ""),
              file=file, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    p.add_argument("--ops", nargs="+", help="only these ops (names as in the table)")
    p.add_argument("--target", type=float, default=0.05, help="seconds per side and measurement")
    p.add_argument("--rep", type=float, default=5e-4, help="seconds per repetition (a batch of calls)")
    p.add_argument("--min-reps", type=int, default=21)
    p.add_argument("--max-reps", type=int, default=101)
    p.add_argument("--no-f64", action="store_true", help="skip the float64 subset")
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results"))
    p.add_argument("--quick", action="store_true", help="smoke run: 2 sizes, short measurements")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.target, args.min_reps = [100, 100_000], 0.005, 5
    return args


def main(argv=None):
    args = parse_args(argv)
    info = machine_info()
    warnings = []
    if trueno.__build_type__ not in ("Release", "RelWithDebInfo", "MinSizeRel"):
        warnings.append(f"trueno is a '{trueno.__build_type__}' build: its timings are not representative.")
    for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if info["env"][k]:
            warnings.append(f"{k}={info['env'][k]} is set: it can slow NumPy's BLAS (tools/run_bench.sh unsets it).")
    for w in warnings:
        print("WARNING:", w, file=sys.stderr)
    print(f"trueno {trueno.__version__} ({trueno.__build_type__}, backend {trueno.backend()}), numpy {np.__version__}, "
          f"python {info['python']}, {info['cpu']} x{info['usable_cpus']}", flush=True)

    ops = [op for op in OPS if not args.ops or op.name in args.ops]
    plan = [(op, F32) for op in ops] + ([] if args.no_f64 else [(op, F64) for op in ops if op.f64])
    bench = Bench(args)
    rows = []
    t0 = time.perf_counter()
    with np.errstate(all="ignore"):
        for n in args.sizes:
            for op, dtype in plan:
                rows.append(bench.measure(op, dtype, n))
                print_table(rows[-1:], header=len(rows) == 1)
    elapsed = time.perf_counter() - t0
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"info": info, "warnings": warnings, "elapsed_s": elapsed,
                   "rows": [{**r.__dict__, "of_limit": r.of_limit} for r in rows]}, f, indent=1)
    write_report(os.path.join(args.out, "report.md"), rows, info, warnings, elapsed, args)
    write_chart(os.path.join(args.out, "speedup.png"), rows, info)
    print(f"\n{len(rows)} measurements in {elapsed:.0f} s; wrote {args.out}/report.md, speedup.png, results.json")
    return 1 if any(not r.ok for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
