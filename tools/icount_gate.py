#!/usr/bin/env python3
"""icount_gate.py --driver PATH --baseline JSON --config STR: the instruction-count gate. Runs
bench/icount_driver once under valgrind --tool=callgrind (one dump per case), compares each
case's instruction count with the committed figures and fails when one grew more than 2%, or
a case appeared or disappeared without the figures being updated. Counts are deterministic
for a given binary, so any growth is real work added to a kernel or its call path.
TRUENO_UPDATE_BASELINE=1 (make icount-update) runs the driver twice, checks both runs agree
exactly, and rewrites the figures instead. Exit 77 (skipped) without valgrind outside CI or
on a build configuration other than the figures'."""
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
from gate_common import SKIP, Gate  # noqa: E402

NOTE = ("Instructions (callgrind Ir) per call of each case of bench/icount_driver.cpp, "
        "TRUENO_NUM_THREADS=1. Regenerate with `make icount-update` (README, Contributing).")


def run_driver(driver, measured_backends):
    """One valgrind run: {case name: instructions}; adds the backends measured to the set."""
    env = dict(os.environ, TRUENO_NUM_THREADS="1", OMP_NUM_THREADS="1")
    env.pop("TRUENO_BACKEND", None)
    t0 = time.time()
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
    measured_backends.update(m.group(1).split() if m else [])
    if not counts:
        sys.exit("icount: no callgrind dumps found (driver built without valgrind/callgrind.h?)")
    print(f"icount: {len(counts)} cases on backends {sorted(measured_backends)}, {time.time() - t0:.0f} s")
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--driver", required=True)
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--config", required=True, help="compiler and build type the counts belong to")
    ap.add_argument("--all", action="store_true", help="print every row, not only the changed ones")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("icount: valgrind not found (tools/setup.sh installs it)")
        return 1 if os.environ.get("CI") else SKIP

    backends = set()
    # A gated backend this CPU lacks (say avx2 on an old machine) cannot be measured: reported.
    def unmeasurable(base, now):
        return {k for k in base if len(k.split("/")) > 1 and k.split("/")[1] not in backends}

    gate = Gate("icount", args.baseline, args.config, 2.0, "make icount-update", NOTE)
    return gate.run(lambda: run_driver(args.driver, backends), unmeasurable, repeat_on_update=True,
                    show_all=args.all)


if __name__ == "__main__":
    sys.exit(main())
