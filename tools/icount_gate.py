#!/usr/bin/env python3
"""icount_gate.py --driver PATH --baseline JSON --config STR: the instruction-count gate. Runs
bench/icount_driver once under valgrind --tool=callgrind (one dump per case), compares each
case's instruction count with the committed baseline and fails when one grew more than 2%, or
a case appeared or disappeared without the baseline being updated. Counts are deterministic
for a given binary, so any growth is real work added to a kernel or its call path.
TRUENO_UPDATE_BASELINE=1 (make icount-update) runs the driver twice, checks both runs agree
exactly, and rewrites the baseline instead. Exit 77 (skipped) without valgrind outside CI or
on a build configuration other than the baseline's."""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gate_common as gc  # noqa: E402

LIMIT_PCT = 2.0
UPDATE_CMD = "make icount-update"
NOTE = ("Instructions (callgrind Ir) per call of each case of bench/icount_driver.cpp, "
        "TRUENO_NUM_THREADS=1. Regenerate with `make icount-update` (README, Contributing).")


def run_driver(driver):
    """One valgrind run: {case name: instructions} and the backends the driver measured."""
    env = dict(os.environ, TRUENO_NUM_THREADS="1", OMP_NUM_THREADS="1")
    env.pop("TRUENO_BACKEND", None)
    with tempfile.TemporaryDirectory(prefix="icount-") as tmp:
        out = os.path.join(tmp, "cg.out")
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}", driver]
        p = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"icount: driver failed under valgrind (rc {p.returncode}):\n{p.stderr[-3000:]}")
        counts = {}
        for path in glob.glob(out + "*"):
            with open(path) as f:
                text = f.read()
            m = re.search(r"^desc: Trigger: Client Request: (\S+)$", text, re.M)
            s = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
            if m and s:
                if m.group(1) in counts:
                    sys.exit(f"icount: case {m.group(1)} measured twice")
                counts[m.group(1)] = int(s.group(1))
    m = re.search(r"^backends:(.*)$", p.stdout, re.M)
    backends = set(m.group(1).split()) if m else set()
    if not counts:
        sys.exit("icount: no callgrind dumps found (driver built without valgrind/callgrind.h?)")
    return counts, backends


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--driver", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--config", required=True, help="compiler and build type the counts belong to")
    ap.add_argument("--all", action="store_true", help="print every row, not only the changed ones")
    args = ap.parse_args()

    if shutil.which("valgrind") is None:
        print("icount: valgrind not found (tools/setup.sh installs it)")
        sys.exit(1 if os.environ.get("CI") else gc.SKIP)

    baseline = None
    if not gc.updating():
        baseline = gc.load_baseline(args.baseline)
        if not gc.check_config(baseline, args.config, "icount", UPDATE_CMD):
            return 1

    t0 = time.time()
    counts, backends = run_driver(args.driver)
    print(f"icount: {len(counts)} cases measured on backends {sorted(backends)} in {time.time() - t0:.0f} s")

    if gc.updating():
        again, _ = run_driver(args.driver)
        diff = sorted(k for k in set(counts) | set(again) if counts.get(k) != again.get(k))
        if diff:
            sys.exit(f"icount: two runs disagree on {diff[:10]}: not deterministic, baseline not written")
        gc.write_baseline(args.baseline, args.config, counts, NOTE)
        return 0

    base = baseline["values"]
    # A gated backend this CPU lacks (say avx2 on an old machine) cannot be measured: reported.
    unchecked = {k for k in base if len(k.split("/")) > 1 and k.split("/")[1] not in backends}
    rows, failed = gc.compare(base, counts, LIMIT_PCT, unchecked)
    gc.print_table(rows, args.all)
    if unchecked:
        print(f"icount: WARNING: {len(unchecked)} baseline cases on backends this CPU lacks were not checked")
    if failed:
        print(f"icount: FAILED. If the change is deliberate (a new algorithm, a new case, a compiler "
              f"upgrade), run `{UPDATE_CMD}` and commit bench/icount_baseline.json with it, saying why "
              f"in the commit message. Never update it to hide growth nobody can explain.")
        return 1
    print(f"icount: ok ({len(rows)} cases, none grew more than {LIMIT_PCT:g}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
