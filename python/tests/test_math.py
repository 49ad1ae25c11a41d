# test_math.py: the element-wise math functions (trueno/math.hpp) against float64 NumPy/math
# references within the ULP bounds of docs/accuracy.md, per dtype, shape and backend.
import math

import numpy as np
import pytest

import trueno
from conftest import FLOAT_DTYPES, assert_close_ulp, special_values

pytestmark = pytest.mark.usefixtures("backend")

erf64 = np.vectorize(math.erf, otypes=[np.float64])


def _c_pow(x, y):  # the C library's pow (math.pow raises where C returns NaN or +-inf)
    try:
        return math.pow(x, y)
    except (ValueError, OverflowError) as e:
        odd = float(y).is_integer() and y % 2 == 1
        if isinstance(e, OverflowError) or x == 0:  # overflow, or the pole at zero (y < 0)
            return math.copysign(math.inf, x) if odd else math.inf
        return math.nan  # negative x with a non-integer y


pow64 = np.vectorize(_c_pow, otypes=[np.float64])

# name -> (float64 reference, input range); the ULP bound is trueno's own statement (bound()).
MATH = {
    "exp": (np.exp, (-50, 50)),
    "exp2": (np.exp2, (-50, 50)),
    "expm1": (np.expm1, (-5, 5)),
    "ln": (np.log, (0, 100)),
    "log": (np.log, (0, 100)),
    "log2": (np.log2, (0, 100)),
    "log10": (np.log10, (0, 100)),
    "log1p": (np.log1p, (-0.99, 10)),
    "cbrt": (np.cbrt, (-100, 100)),
    "sin": (np.sin, (-100, 100)),
    "cos": (np.cos, (-100, 100)),
    "tan": (np.tan, (-10, 10)),
    "asin": (np.arcsin, (-1, 1)),
    "acos": (np.arccos, (-1, 1)),
    "atan": (np.arctan, (-10, 10)),
    "sinh": (np.sinh, (-10, 10)),
    "cosh": (np.cosh, (-10, 10)),
    "tanh": (np.tanh, (-10, 10)),
    "asinh": (np.arcsinh, (-100, 100)),
    "acosh": (np.arccosh, (1, 100)),
    "atanh": (np.arctanh, (-1, 1)),
    "erf": (erf64, (-5, 5)),
    "rsqrt": (lambda x: 1 / np.sqrt(x), (0, 100)),
}


def bound(op):
    """The documented ULP bound (the larger of float32's and float64's: one tolerance for both)."""
    return max(trueno.ulp_bounds()[op])


def test_every_stated_bound_is_tested():
    # Each function with a bound has a float64 oracle here, in test_activations.ACT or in
    # test_elementwise (the exact ops): a new op in trueno/op_list.hpp needs one.
    from test_activations import ACT
    from test_elementwise import BINARY, UNARY

    tested = set(MATH) | set(UNARY) | set(BINARY) | {"pow", "gelu_tanh"} | {k.split("(")[0] for k in ACT}
    assert set(trueno.ulp_bounds()) <= tested, sorted(set(trueno.ulp_bounds()) - tested)
SHAPES = [(), (0,), (1,), (17,), (3, 5), (2, 3, 4), (0, 3), (20000,)]


def ref(f, x):
    with np.errstate(all="ignore"):
        return f(np.asarray(x, dtype=np.float64))


def inputs(shape, dtype, lo, hi, seed=1):
    return np.random.default_rng(seed).uniform(lo, hi, size=shape).astype(dtype)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", MATH)
def test_math(op, dtype, shape):
    f, (lo, hi) = MATH[op]
    ulps = bound(op)
    x = inputs(shape, dtype, lo, hi)
    y = getattr(trueno, op)(x)
    assert isinstance(y, np.ndarray) and y.flags.c_contiguous
    assert_close_ulp(y, ref(f, x), dtype, ulps)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", MATH)
def test_math_special_values(op, dtype):
    f, _ = MATH[op]
    ulps = bound(op)
    x = special_values(dtype)
    assert_close_ulp(getattr(trueno, op)(x), ref(f, x), dtype, ulps)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", ["exp", "sin", "log1p", "erf"])
def test_math_out_and_in_place(op, dtype):
    f, (lo, hi) = MATH[op]
    ulps = bound(op)
    x = inputs((300001,), dtype, lo, hi)  # past the 1 MiB threshold of trueno's allocator
    expected = ref(f, x)
    out = np.empty_like(x)
    assert getattr(trueno, op)(x, out=out) is out
    assert_close_ulp(out, expected, dtype, ulps)
    assert getattr(trueno, op)(x, out=x) is x
    assert_close_ulp(x, expected, dtype, ulps)


def test_signed_zeros_and_limits():
    for dt in FLOAT_DTYPES:
        z = np.array([-0.0, 0.0], dtype=dt)
        for op in ("expm1", "log1p", "tanh", "erf", "sin", "atan", "asinh", "cbrt"):
            np.testing.assert_array_equal(np.signbit(getattr(trueno, op)(z)), [True, False], err_msg=op)
        np.testing.assert_array_equal(trueno.erf(np.array([-np.inf, np.inf], dt)), [-1, 1])
        np.testing.assert_array_equal(trueno.ln(np.array([0.0, -1.0, np.inf], dt)), [-np.inf, np.nan, np.inf])
        assert trueno.log1p(np.array([-1.0], dt))[0] == -np.inf


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("y", [0.0, 1.0, 2.0, 2.5, -1.5, 3.0, 0.5, -2.0])
def test_pow(dtype, y):
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.uniform(0.01, 10, 500), rng.uniform(-10, 10, 500), special_values(np.float64)])
    with np.errstate(over="ignore"):
        x = x.astype(dtype)
    yt = float(np.asarray(y, dtype))
    assert_close_ulp(trueno.pow(x, y), ref(lambda v: pow64(v, yt), x), dtype, 2)
    out = np.empty_like(x)
    assert trueno.pow(x, y, out=out) is out


def test_pow_special_cases():
    x = np.array([np.nan, 1.0, -2.0, -0.0, 0.5, 2.0], np.float32)
    np.testing.assert_array_equal(trueno.pow(x, 0.0), np.ones(6, np.float32))  # pow(NaN, 0) = 1
    np.testing.assert_array_equal(trueno.pow(np.float32([1.0]), float("nan")), [1.0])
    np.testing.assert_array_equal(trueno.pow(np.float32([-2.0]), 3.0), [-8.0])
    assert np.isnan(trueno.pow(np.float32([-2.0]), 0.5)[0])
    np.testing.assert_array_equal(trueno.pow(np.float32([-0.0]), -1.0), [-np.inf])
