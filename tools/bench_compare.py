#!/usr/bin/env python3
"""bench_compare.py [--rev REV] [--filter RE] [--rounds N]: a timing regression check for
developers (make bench-compare REV=...). Builds trueno_bench for the git revision REV (default
HEAD) in its own worktree and build directory (build-compare/), and for the working tree (build/),
then runs the two binaries interleaved on this machine, round after round (old new, new old,
...). A round's time of a benchmark is the fastest of a few repetitions (interference from other
jobs only ever adds time); the report gives per benchmark the median over rounds of the ratio
new/old, with the spread of the per-round ratios as its noise. A change is flagged only when every round agrees on its
direction and the median moves by more than both the noise and --threshold. No baseline file:
both sides are measured here, now, on the same machine."""
import argparse
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A representative subset (a few minutes): streaming, fused, math-heavy, reductions, statistics,
# an allocating form, on the SIMD backends, in cache and out of cache; memcpy is the same code on
# both sides, so its ratio shows the machine's own noise (a control).
DEFAULT_FILTER = (r"^(add|add_alloc|fma|clamp|sqrt|sum|dot|argmax|variance|zscore)/(sse2|avx2|avx512|neon)/"
                  r"(1000|1000000)$"
                  r"|^memcpy/(6000|6000000)$")
TO_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def sh(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def git(*args):
    return subprocess.run(["git", "-C", ROOT, *args], check=True, capture_output=True, text=True).stdout.strip()


def build_bench(src, build, jobs):
    """Configures (Release, benchmarks only, unless already configured) and builds trueno_bench."""
    if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
        sh(["cmake", "-S", src, "-B", build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
            "-DTRUENO_BUILD_TESTS=OFF", "-DTRUENO_BUILD_BENCHMARKS=ON", "-DTRUENO_BUILD_PYTHON=OFF"],
           stdout=subprocess.DEVNULL)
    sh(["cmake", "--build", build, "--target", "trueno_bench", "-j", str(jobs)], stdout=subprocess.DEVNULL)
    exe = os.path.join(build, "bench", "trueno_bench")
    if not os.access(exe, os.X_OK):
        sys.exit(f"bench_compare: {exe} was not built")
    return exe


def checkout(rev, workdir):
    """The revision's sources in a git worktree of their own, reused between runs (a checkout of
    another revision only touches the files that differ, so its build stays incremental)."""
    sha = git("rev-parse", "--verify", f"{rev}^{{commit}}")
    src = os.path.join(workdir, "src")
    if os.path.exists(os.path.join(src, ".git")):
        subprocess.run(["git", "-C", src, "checkout", "-q", "--detach", "--force", sha], check=True)
    else:
        git("worktree", "prune")
        git("worktree", "add", "-q", "--detach", src, sha)
    return sha, src


def run_once(exe, args, out):
    """One run of a benchmark binary: {benchmark name: fastest repetition's real time in ns}."""
    env = dict(os.environ)
    if args.threads:
        env["TRUENO_NUM_THREADS"] = str(args.threads)
    for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        env.pop(k, None)
    subprocess.run([exe, f"--benchmark_filter={args.filter}", f"--benchmark_min_time={args.min_time}",
                    f"--benchmark_repetitions={args.repetitions}", "--benchmark_format=json",
                    f"--benchmark_out={out}"], check=True, stdout=subprocess.DEVNULL, env=env)
    with open(out) as f:
        data = json.load(f)
    best = {}
    for b in data["benchmarks"]:
        if b.get("run_type", "iteration") == "iteration":
            name = b.get("run_name", b["name"])
            t = b["real_time"] * TO_NS[b.get("time_unit", "ns")]
            best[name] = min(t, best.get(name, t))
    return best


def fmt_ns(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def report(old_runs, new_runs, threshold):
    names = sorted(set().union(*old_runs, *new_runs))
    width = max(len(n) for n in names)
    print(f"\n{'benchmark':<{width}}  {'old':>9}  {'new':>9}  {'new/old':>7}  {'noise':>7}  "
          f"{'rounds min..max':>15}  verdict")
    flagged = 0
    for name in names:
        pairs = [(o[name], n[name]) for o, n in zip(old_runs, new_runs) if name in o and name in n]
        if not pairs:
            side = "old" if any(name in o for o in old_runs) else "new"
            print(f"{name:<{width}}  only in the {side} revision")
            continue
        ratios = [n / o for o, n in pairs]
        med = statistics.median(ratios)
        lo, hi = min(ratios), max(ratios)
        noise = 100.0 * (hi - lo) / 2 / med
        change = 100.0 * (med - 1)
        verdict = ""
        if abs(change) > max(threshold, noise) and (lo > 1 or hi < 1):
            verdict = "SLOWER" if change > 0 else "faster"
            flagged += 1
        old_t = statistics.median(o for o, _ in pairs)
        new_t = statistics.median(n for _, n in pairs)
        print(f"{name:<{width}}  {fmt_ns(old_t):>9}  {fmt_ns(new_t):>9}  {med:>7.3f}  {noise:>6.1f}%  "
              f"{lo:>7.3f}..{hi:<6.3f}  {verdict}")
    print(f"\n{flagged} of {len(names)} benchmarks changed by more than the noise and {threshold:g}% "
          f"(noise: half the min..max spread of the per-round ratios; memcpy is the same code on "
          f"both sides, its ratio shows this machine's noise).")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rev", default="HEAD", help="git revision to compare the working tree with")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="the working tree's build dir")
    ap.add_argument("--workdir", default=os.path.join(ROOT, "build-compare"), help="the revision's worktree + build")
    ap.add_argument("--filter", default=DEFAULT_FILTER, help="--benchmark_filter (default: a representative subset)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repetitions", type=int, default=3, help="repetitions per run (the fastest counts)")
    ap.add_argument("--min-time", default="0.03", help="--benchmark_min_time per repetition, seconds")
    ap.add_argument("--threads", type=int, default=1,
                    help="TRUENO_NUM_THREADS for both sides (default 1: thread scheduling on a shared "
                         "machine is far noisier than the kernels; 0 = the library's default)")
    ap.add_argument("--threshold", type=float, default=2.0, help="smallest change flagged, percent")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", os.cpu_count() or 2)))
    args = ap.parse_args()
    if not args.filter:
        args.filter = DEFAULT_FILTER

    os.makedirs(args.workdir, exist_ok=True)
    sha, src = checkout(args.rev, args.workdir)
    old_exe = build_bench(src, os.path.join(args.workdir, "build"), args.jobs)
    new_exe = build_bench(ROOT, args.build, args.jobs)
    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    print(f"old: {args.rev} = {sha[:12]}  ({old_exe})\nnew: working tree{dirty}  ({new_exe})")
    if filecmp.cmp(old_exe, new_exe, shallow=False):
        print("note: the two binaries are identical: every difference below is noise")
    print(f"{args.rounds} rounds, interleaved; TRUENO_NUM_THREADS={args.threads or '(default)'}, "
          f"load average {os.getloadavg()[0]:.1f}")

    runs = os.path.join(args.workdir, "runs")  # each run's JSON, for a closer look
    shutil.rmtree(runs, ignore_errors=True)
    os.makedirs(runs)
    old_runs, new_runs = [], []
    t0 = time.time()
    for r in range(args.rounds):
        # Alternate which side goes first, so that a drift within a round (turbo, a neighbour's
        # job) does not always favour the same side.
        order = [("old", old_exe, old_runs), ("new", new_exe, new_runs)]
        for side, exe, into in order if r % 2 == 0 else order[::-1]:
            into.append(run_once(exe, args, os.path.join(runs, f"{side}-{r}.json")))
        print(f"round {r + 1}/{args.rounds} done ({time.time() - t0:.0f} s)", flush=True)
    report(old_runs, new_runs, args.threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
