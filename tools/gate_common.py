"""gate_common.py: what the baseline gates (icount_gate.py, size_gate.py) share: the committed
figures file, the build-configuration check, the comparison, its diff table and the verdict."""
import json
import os

SKIP = 77  # CTest's SKIP_RETURN_CODE for these gates


class Gate:
    """One gate: `name` in messages, figures in `path`, recorded for build `config`; fails on a
    growth above `limit_pct`; `update_cmd` rewrites the figures; `note` is stored with them."""

    def __init__(self, name, path, config, limit_pct, update_cmd, note):
        self.name, self.path, self.config = name, path, config
        self.limit_pct, self.update_cmd, self.note = limit_pct, update_cmd, note

    def run(self, measure, unchecked=lambda base, now: set(), repeat_on_update=False, show_all=True):
        """The whole gate: measure() -> {name: value}. With TRUENO_UPDATE_BASELINE=1 the figures
        are rewritten (after a second measurement that must agree exactly, if repeat_on_update);
        otherwise compared. Exit status: 0 pass, 1 fail, SKIP on another build configuration."""
        if os.environ.get("TRUENO_UPDATE_BASELINE", "") not in ("", "0"):
            values = measure()
            if repeat_on_update:
                again = measure()
                diff = sorted(k for k in set(values) | set(again) if values.get(k) != again.get(k))
                if diff:
                    print(f"{self.name}: two runs disagree on {diff[:10]}: not repeatable, nothing written")
                    return 1
            self.write(values)
            return 0
        baseline = self.load()
        if baseline is None:
            print(f"{self.name}: no figures in {self.path}; run `{self.update_cmd}` and commit them")
            return 1
        if baseline.get("config") != self.config:
            print(f"{self.name}: SKIPPED: figures recorded for [{baseline.get('config')}], this build is "
                  f"[{self.config}]. After a deliberate compiler or build change run `{self.update_cmd}` "
                  f"and commit.")
            return SKIP
        base, now = baseline["values"], measure()
        skipped = unchecked(base, now)
        rows, failed = compare(base, now, self.limit_pct, skipped)
        print_table(rows, show_all)
        if skipped:
            print(f"{self.name}: WARNING: {len(skipped)} figures could not be measured here and were not checked")
        if failed:
            print(f"{self.name}: FAILED. If the change is deliberate (a new algorithm, new ops or cases, a "
                  f"compiler upgrade), run `{self.update_cmd}` and commit {os.path.basename(self.path)} in "
                  f"the same change, saying why. Never update it to hide a growth nobody can explain.")
            return 1
        print(f"{self.name}: ok ({len(rows)} figures, none grew more than {self.limit_pct:g}%)")
        return 0

    def load(self):
        if not os.path.exists(self.path):
            return None
        with open(self.path) as f:
            return json.load(f)

    def write(self, values):
        """One value per line, sorted, so that a review diff shows exactly what moved."""
        items = sorted(values.items())
        with open(self.path, "w") as f:
            f.write(f'{{\n  "note": {json.dumps(self.note)},\n  "config": {json.dumps(self.config)},\n')
            f.write('  "values": {\n')
            for i, (k, v) in enumerate(items):
                f.write(f"    {json.dumps(k)}: {v}{',' if i + 1 < len(items) else ''}\n")
            f.write("  }\n}\n")
        print(f"{self.name}: wrote {len(values)} figures to {self.path}")


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
            rows.append((name, None, n, None, "NEW (not in the figures)"))
            failed = True
        elif n is None:
            rows.append((name, b, None, None, "MISSING (in the figures)"))
            failed = True
        else:
            pct = 100.0 * (n - b) / b if b else (0.0 if n == b else float("inf"))
            verdict = "ok"
            if pct > limit_pct:
                verdict, failed = f"GREW > {limit_pct:g}%", True
            elif pct < -limit_pct:
                verdict = "shrank (update the figures to keep the gain)"
            rows.append((name, b, n, pct, verdict))
    return rows, failed


def print_table(rows, show_all):
    """The diff table: every row when show_all, else only those that differ."""
    shown = [r for r in rows if show_all or r[1] != r[2]]
    if not shown:
        print(f"all {len(rows)} values identical to the figures")
        return
    width = max(len(r[0]) for r in shown)
    print(f"{'name':<{width}}  {'baseline':>12}  {'now':>12}  {'change':>8}  verdict")
    for name, b, n, pct, verdict in shown:
        fb = "-" if b is None else f"{b:,}"
        fn = "-" if n is None else f"{n:,}"
        fp = "-" if pct is None else f"{pct:+.2f}%"
        print(f"{name:<{width}}  {fb:>12}  {fn:>12}  {fp:>8}  {verdict}")
    if not show_all:
        print(f"({len(rows) - len(shown)} more identical to the figures)")

