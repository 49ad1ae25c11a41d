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
