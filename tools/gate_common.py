"""gate_common.py: what the baseline gates (icount_gate.py, size_gate.py) share: the committed
baseline file, the build-configuration check, the comparison and its diff table."""
import json
import os
import sys

SKIP = 77  # CTest's SKIP_RETURN_CODE for these gates


def updating():
    """True when the gate should rewrite its baseline (make icount-update / make size-update)."""
    return os.environ.get("TRUENO_UPDATE_BASELINE", "") not in ("", "0")


def load_baseline(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def write_baseline(path, config, values, note):
    """One value per line, sorted, so that a review diff shows exactly what moved."""
    with open(path, "w") as f:
        f.write("{\n")
        f.write(f'  "note": {json.dumps(note)},\n')
        f.write(f'  "config": {json.dumps(config)},\n')
        f.write('  "values": {\n')
        items = sorted(values.items())
        for i, (k, v) in enumerate(items):
            f.write(f"    {json.dumps(k)}: {v}{',' if i + 1 < len(items) else ''}\n")
        f.write("  }\n}\n")
    print(f"wrote {len(values)} values to {path}")


def check_config(baseline, config, what, update_cmd):
    """The figures only mean something for the configuration they were recorded with (compiler,
    build type...). On another one the gate skips, loudly; CI's configuration is the baseline's."""
    if baseline is None:
        print(f"{what}: no baseline yet; run `{update_cmd}` and commit it")
        return False
    if baseline.get("config") != config:
        print(f"{what}: SKIPPED: baseline recorded for [{baseline.get('config')}], this build is "
              f"[{config}].\nAfter a deliberate compiler or build change run `{update_cmd}` and commit.")
        sys.exit(SKIP)
    return True


def compare(base, now, limit_pct, unchecked=()):
    """Rows (name, baseline, now, change %, verdict) over both sets of names, and whether the gate
    fails: a value grew more than limit_pct, or a name appeared or disappeared. Names in
    `unchecked` (known not to be measurable here) are reported but never fail."""
    rows, failed = [], False
    for name in sorted(set(base) | set(now)):
        b, n = base.get(name), now.get(name)
        if name in unchecked:
            rows.append((name, b, n, None, "not measurable here"))
        elif b is None:
            rows.append((name, None, n, None, "NEW (not in baseline)"))
            failed = True
        elif n is None:
            rows.append((name, b, None, None, "MISSING (in baseline)"))
            failed = True
        else:
            pct = 100.0 * (n - b) / b if b else (0.0 if n == b else float("inf"))
            verdict = "ok"
            if pct > limit_pct:
                verdict, failed = f"GREW > {limit_pct:g}%", True
            elif pct < -limit_pct:
                verdict = "shrank (update the baseline to keep the gain)"
            rows.append((name, b, n, pct, verdict))
    return rows, failed


def print_table(rows, show_all):
    """The diff table: every row when show_all, else only those that differ."""
    shown = [r for r in rows if show_all or r[1] != r[2]]
    if not shown:
        print(f"all {len(rows)} values identical to the baseline")
        return
    width = max(len(r[0]) for r in shown)
    print(f"{'name':<{width}}  {'baseline':>12}  {'now':>12}  {'change':>8}  verdict")
    for name, b, n, pct, verdict in shown:
        fb = "-" if b is None else f"{b:,}"
        fn = "-" if n is None else f"{n:,}"
        fp = "-" if pct is None else f"{pct:+.2f}%"
        print(f"{name:<{width}}  {fb:>12}  {fn:>12}  {fp:>8}  {verdict}")
    if not show_all:
        print(f"({len(rows) - len(shown)} more identical to the baseline)")
