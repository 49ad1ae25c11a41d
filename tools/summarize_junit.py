#!/usr/bin/env python3
"""summarize_junit.py DIR: totals of every JUnit XML file under DIR (ctest, gtest, pytest),
one line per file, then the closing line 'N passed, N failed, N skipped'. Exit 1 on failures
or when no test ran."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def count(path):
    root = ET.parse(path).getroot()
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        status = case.get("status", "")
        result = case.get("result", "")
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None or status in ("notrun", "skipped") or result == "skipped":
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main():
    files = sorted(Path(sys.argv[1]).glob("**/*.xml"))
    tp = tf = ts = 0
    for f in files:
        p, fl, s = count(f)
        tp, tf, ts = tp + p, tf + fl, ts + s
        print(f"  {f.stem:<40} {p:6} passed {fl:4} failed {s:4} skipped")
    print(f"{tp} passed, {tf} failed, {ts} skipped")
    sys.exit(1 if tf or tp == 0 else 0)


if __name__ == "__main__":
    main()
