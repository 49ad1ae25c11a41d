#!/usr/bin/env python3
"""size_gate.py --baseline JSON --config STR --artifact ROLE=PATH...: the binary-size gate.
Measures text + data (binutils `size`; an archive's members summed) of the library and, when
built, the Python extension, prints them against the committed figures and fails when one grew
more than 10%, or an artifact is new to the figures. An artifact in the figures but not built
here (the Python extension in a C++-only build) is reported, not failed.
TRUENO_UPDATE_BASELINE=1 (make size-update) rewrites the figures instead."""
import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gate_common import Gate  # noqa: E402

NOTE = ("Bytes of text + data (binutils size) of each artifact of a Release build. "
        "Regenerate with `make size-update` (README, Contributing).")


def text_plus_data(path):
    """Sum of text + data over the file (every member of an archive: `size -t`'s TOTALS)."""
    out = subprocess.run(["size", "-t", path], check=True, capture_output=True, text=True).stdout
    last = out.strip().splitlines()[-1].split()
    return int(last[0]) + int(last[1])


def measure(artifacts):
    sizes = {}
    for spec in artifacts:
        role, _, path = spec.partition("=")
        if not os.path.exists(path):
            sys.exit(f"size_gate: {role}: {path} does not exist (build it first)")
        sizes[role] = text_plus_data(path)
        print(f"{role}: {os.path.basename(path)}: {sizes[role]:,} bytes of text + data")
    return sizes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--config", required=True, help="compiler and build type the sizes belong to")
    ap.add_argument("--artifact", action="append", default=[], help="ROLE=PATH (repeatable)")
    args = ap.parse_args()
    if shutil.which("size") is None:
        sys.exit("size_gate: binutils `size` not found (tools/setup.sh installs binutils)")
    gate = Gate("size_gate", args.baseline, args.config, 10.0, "make size-update", NOTE)
    return gate.run(lambda: measure(args.artifact), lambda base, now: set(base) - set(now))


if __name__ == "__main__":
    sys.exit(main())
