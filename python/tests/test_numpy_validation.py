# test_numpy_validation.py: NumPy's own accuracy validation sets (umath-validation-set-*.csv,
# shipped in the numpy wheel: inputs where implementations tend to fail, with correctly rounded
# outputs and NumPy's tolerance per row) on every backend this CPU runs.
import pathlib

import numpy as np
import pytest

import trueno

DATA = pathlib.Path(np.__file__).parent / "_core" / "tests" / "data"
NAMES = {"arccos": "acos", "arccosh": "acosh", "arcsin": "asin", "arcsinh": "asinh", "arctan": "atan",
         "arctanh": "atanh", "log": "ln"}
FILES = sorted(DATA.glob("umath-validation-set-*.csv"))


def rows(path):
    """{dtype: (inputs, expected, tolerance)} from one csv (float32 and float64 rows)."""
    out = {}
    for line in path.read_text().splitlines():
        if not line.startswith("np.float"):
            continue
        dt, x, y, tol = line.split(",")
        if dt not in ("np.float32", "np.float64"):
            continue
        out.setdefault(dt, []).append((int(x, 16), int(y, 16), int(tol)))
    result = {}
    for dt, r in out.items():
        dtype, itype = (np.float32, np.uint32) if dt == "np.float32" else (np.float64, np.uint64)
        x = np.array([a for a, _, _ in r], dtype=itype).view(dtype)
        y = np.array([b for _, b, _ in r], dtype=itype).view(dtype)
        result[dtype] = (x, y, max(t for _, _, t in r))
    return result


def ulp_distance(a, b):
    """|a - b| in units of the spacing, NaN == NaN; NumPy's assert_array_max_ulp's measure."""
    both_nan = np.isnan(a) & np.isnan(b)
    with np.errstate(all="ignore"):
        d = np.abs(a.astype(np.float64) - b.astype(np.float64)) / np.spacing(np.abs(b)).astype(np.float64)
    d[both_nan | (a == b)] = 0  # equal infinities, and +0 == -0 as NumPy's test counts them
    return d


@pytest.mark.skipif(not FILES, reason="this numpy wheel ships no validation sets")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem.replace("umath-validation-set-", ""))
@pytest.mark.parametrize("backend", trueno.backends())
def test_numpy_validation_set(path, backend):
    name = path.stem.replace("umath-validation-set-", "")
    f = getattr(trueno, NAMES.get(name, name))
    with trueno.use_backend(backend):
        for dtype, (x, want, tol) in rows(path).items():
            got = f(x)
            d = ulp_distance(got, want)
            worst = int(np.argmax(d))
            assert d[worst] <= tol, (f"{name} {dtype.__name__} on {backend}: {d[worst]:.2f} ULP > {tol} at "
                                     f"x = {float(x[worst])!r}: got {float(got[worst])!r}, want {float(want[worst])!r}")
