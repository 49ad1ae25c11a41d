# test_statistics.py: variance, stddev, covariance, correlation and the normalizations against
# NumPy computed in extended precision, per dtype, shape and backend; their error cases.
import math

import numpy as np
import pytest

import trueno
from conftest import FLOAT_DTYPES, SHAPES, assert_same, random_array

pytestmark = pytest.mark.usefixtures("backend")

NONEMPTY = [s for s in SHAPES if math.prod(s) > 1]
WIDE = np.longdouble


def rel(dtype):
    return 8 * float(np.finfo(dtype).eps)


@pytest.mark.parametrize("ddof", [0, 1])
@pytest.mark.parametrize("shape", NONEMPTY)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_variance_stddev(dtype, shape, ddof):
    x = random_array(shape, dtype) + dtype(100)  # an offset: two-pass accuracy matters
    for op, ref in (("variance", np.var), ("stddev", np.std)):
        r = getattr(trueno, op)(x, ddof=ddof)
        assert type(r) is np.dtype(dtype).type
        assert float(r) == pytest.approx(float(ref(x.astype(WIDE), ddof=ddof)), rel=rel(dtype))
    # NumPy's signature: the second positional argument is axis (ddof is keyword-only).
    assert trueno.variance(x.ravel(), 0, ddof=ddof) == trueno.variance(x, ddof=ddof)


@pytest.mark.parametrize("ddof", [0, 1])
@pytest.mark.parametrize("shape", NONEMPTY)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_covariance_correlation(dtype, shape, ddof):
    a = random_array(shape, dtype, seed=1)
    b = a * dtype(0.5) + random_array(shape, dtype, seed=2)
    wa, wb = a.astype(WIDE).ravel(), b.astype(WIDE).ravel()
    cov = np.sum((wa - wa.mean()) * (wb - wb.mean())) / (wa.size - ddof)
    r = trueno.covariance(a, b, ddof=ddof)
    assert type(r) is np.dtype(dtype).type and float(r) == pytest.approx(float(cov), rel=rel(dtype))
    corr = np.corrcoef(a.astype(np.float64).ravel(), b.astype(np.float64).ravel())[0, 1]
    assert float(trueno.correlation(a, b)) == pytest.approx(corr, rel=rel(dtype))
    assert trueno.correlation(a, a) == pytest.approx(1, abs=rel(dtype))
    assert -1 <= trueno.correlation(a, -a) <= -1 + rel(dtype)


def normalize_refs(x):
    w = x.astype(WIDE)
    return {
        "normalize": w / np.sqrt(np.sum(w * w)),
        "zscore": (w - w.mean()) / w.std(),
        "minmax_normalize": (w - w.min()) / (w.max() - w.min()),
    }


@pytest.mark.parametrize("op", ["normalize", "zscore", "minmax_normalize"])
@pytest.mark.parametrize("shape", NONEMPTY)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_normalizations(op, dtype, shape):
    x = random_array(shape, dtype)
    expected = normalize_refs(x)[op].astype(dtype)
    r = getattr(trueno, op)(x)
    assert r.dtype == dtype and r.shape == x.shape
    np.testing.assert_allclose(r, expected, rtol=rel(dtype), atol=rel(dtype))
    out = np.empty_like(x)
    assert getattr(trueno, op)(x, out=out) is out
    assert_same(out, r)
    assert getattr(trueno, op)(x, out=x) is x  # in place
    assert_same(x, r)


def test_minmax_normalize_bounds():
    x = random_array((1000,), np.float32)
    r = trueno.minmax_normalize(x)
    assert r.min() == 0 and r.max() == 1


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_errors(dtype):
    const = np.full(10, 3.0, dtype=dtype)
    empty = np.zeros(0, dtype=dtype)
    cases = [
        (lambda: trueno.variance(empty), "empty input"),
        (lambda: trueno.variance(const[:2], ddof=2), r"ddof \(2\) must be less than"),
        (lambda: trueno.stddev(const, ddof=-1), "ddof must be >= 0"),
        (lambda: trueno.covariance(const, const, ddof=10), "ddof"),
        (lambda: trueno.correlation(const, const), "zero spread"),
        (lambda: trueno.zscore(const), "standard deviation is zero"),
        (lambda: trueno.zscore(empty), "empty input"),
        (lambda: trueno.minmax_normalize(const), "max equals min"),
        (lambda: trueno.normalize(np.zeros(4, dtype=dtype)), "norm is zero"),
    ]
    for call, message in cases:
        with pytest.raises(ValueError, match=message):
            call()


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_nan_gives_nan(dtype):
    x = random_array((100,), dtype)
    x[3] = np.nan
    assert np.isnan(trueno.variance(x)) and np.isnan(trueno.stddev(x)) and np.isnan(trueno.covariance(x, x))
    assert np.isnan(trueno.normalize(x)).all()
