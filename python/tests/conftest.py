# conftest.py: shared fixtures of the Python tests: every available backend, test data, helpers.
import numpy as np
import pytest

import trueno

FLOAT_DTYPES = [np.float32, np.float64]
INT_DTYPES = [np.int32, np.int64]

# Shapes: 0-d, empty, a SIMD-width-ish tail, N-D, past the GIL-release threshold (16K
# elements) and past the 1 MiB threshold where results come from trueno's allocator.
SHAPES = [(), (0,), (1,), (17,), (100,), (3, 5), (2, 3, 4), (0, 3), (20000,), (300001,)]
SMALL_SHAPES = [(), (1,), (17,), (3, 5), (2, 3, 4)]


@pytest.fixture(params=trueno.backends())
def backend(request):
    """Runs the test on one available backend (use_backend) and checks it is the one active."""
    with trueno.use_backend(request.param) as name:
        assert trueno.backend() == request.param == name
        yield name


def random_array(shape, dtype, seed=0, low=-10.0, high=10.0):
    rng = np.random.default_rng(seed)
    if np.issubdtype(dtype, np.integer):
        return rng.integers(-1000, 1000, size=shape).astype(dtype)
    return rng.uniform(low, high, size=shape).astype(dtype)


def special_values(dtype):
    """NaN, +-inf, +-0, the extremes and denormals of dtype."""
    fi = np.finfo(dtype)
    vals = [np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5,
            fi.max, -fi.max, fi.tiny, -fi.tiny, fi.smallest_subnormal, -fi.smallest_subnormal, 3.7, -3.7]
    return np.array(vals, dtype=dtype)


def assert_same(actual, expected):
    """Exact equality: same dtype and shape, NaN where NumPy has NaN, and the sign of zeros."""
    actual = np.asarray(actual)
    expected = np.asarray(expected)
    assert actual.dtype == expected.dtype, (actual.dtype, expected.dtype)
    assert actual.shape == expected.shape, (actual.shape, expected.shape)
    np.testing.assert_array_equal(actual, expected)
    zeros = expected == 0
    np.testing.assert_array_equal(np.signbit(actual[zeros]), np.signbit(expected[zeros]))


def assert_ulp(actual, expected, ulps):
    actual = np.asarray(actual)
    assert actual.dtype == expected.dtype and actual.shape == expected.shape
    np.testing.assert_array_max_ulp(actual, expected, maxulp=ulps)


def ulp_distance(a, b):
    """Distance in units in the last place of a's dtype between two arrays of one float dtype
    (+0 and -0 are 0 apart; inf is one step past the largest finite value)."""
    a = np.asarray(a)
    b = np.asarray(b, dtype=a.dtype)
    itype = np.int32 if a.dtype == np.float32 else np.int64
    lo = np.iinfo(itype).min

    def ordered(v):
        i = v.view(itype).astype(np.int64)
        return np.where(i < 0, np.int64(lo) - i, i)

    return np.abs(ordered(a) - ordered(b))


def assert_close_ulp(actual, ref64, dtype, ulps):
    """actual (of dtype) within the documented ulps of a float64 reference: +1 for float32 (the
    reference rounded to float32) and +8 for float64 (NumPy's float64 functions are <= 4 ULP,
    libm's <= 1). NaN exactly where the reference is NaN."""
    actual = np.asarray(actual)
    assert actual.dtype == dtype, (actual.dtype, dtype)
    with np.errstate(over="ignore"):  # a float64 reference beyond float32's range is inf
        ref = np.asarray(ref64, dtype=np.float64).astype(dtype)
    assert actual.shape == ref.shape, (actual.shape, ref.shape)
    nan = np.isnan(ref)
    np.testing.assert_array_equal(np.isnan(actual), nan)
    allowed = ulps + (1 if dtype == np.float32 else 8)
    d = ulp_distance(actual[~nan], ref[~nan])
    if d.size and d.max() > allowed:
        i = int(np.argmax(d))
        raise AssertionError(f"{d.max()} ULP > {allowed}: got {actual[~nan][i]!r}, expected {ref[~nan][i]!r}")
