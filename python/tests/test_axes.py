# test_axes.py: the reductions over axes (axis=, keepdims=, dtype=, ddof=, out=) against NumPy
# in float64 as the reference, over random shapes, memory layouts and axis sets (Hypothesis),
# within the bounds the whole-array forms state (docs/accuracy.md: float32 sums within
# ulp/2 + 2^-23 sum|x|; double sums (log2(n) + 40) 2^-53 sum|x|; variance 4e-6 / 1e-12
# relative), and NumPy's shapes, index rules (first NaN, first extreme) and errors.
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import trueno
from test_fuzz import DTYPES, laid_out

FUZZ = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
SHAPES = hnp.array_shapes(min_dims=1, max_dims=4, min_side=1, max_side=7)


def f64(x):
    return np.asarray(x, np.float64)


# op -> NumPy in float64 over an axis tuple, and |x| -> the magnitude its error scales with.
SUMS = {
    "sum": (lambda x, a: np.sum(x, axis=a), np.abs),
    "mean": (lambda x, a: np.mean(x, axis=a), np.abs),
    "norm_l1": (lambda x, a: np.sum(np.abs(x), axis=a), np.abs),
    "sum_of_squares": (lambda x, a: np.sum(x * x, axis=a), lambda x: x * x),
    "norm_l2": (lambda x, a: np.sqrt(np.sum(x * x, axis=a)), np.abs),
}
EXACT = {"min": np.min, "max": np.max, "norm_linf": lambda x, axis: np.max(np.abs(x), axis=axis)}


def bound(dtype, n, magnitude, result):
    """docs/accuracy.md's bound over a run of n elements of total magnitude sum|x|."""
    ulp = np.spacing(np.abs(result).astype(dtype)).astype(np.float64)
    if dtype == np.float32:
        return ulp / 2 + 2.0 ** -23 * magnitude + 1e-300
    return ulp / 2 + (math.log2(max(n, 2)) + 40) * 2.0 ** -53 * magnitude + 1e-300


@st.composite
def axes_of(draw, ndim):
    """None, an int (maybe negative) or a tuple of distinct axes."""
    kind = draw(st.sampled_from(["none", "int", "tuple"]))
    if kind == "none":
        return None
    if kind == "int":
        return draw(st.integers(-ndim, ndim - 1))
    return tuple(draw(st.lists(st.integers(0, ndim - 1), unique=True, max_size=ndim)))


@FUZZ
@given(data=st.data(), dtype=DTYPES, shape=SHAPES, op=st.sampled_from(sorted(SUMS)), keepdims=st.booleans())
def test_sums_within_the_bound(data, dtype, shape, op, keepdims):
    x = data.draw(laid_out(shape, dtype, bound=100))
    axis = data.draw(axes_of(len(shape)))
    ref, mag = SUMS[op]
    want = np.asarray(ref(f64(x), axis))
    got = getattr(trueno, op)(x, axis=axis, keepdims=keepdims)
    assert np.asarray(got).dtype == dtype
    full = np.asarray(ref(f64(x), axis) if not keepdims else np.sum(f64(x), axis=axis, keepdims=True))
    assert np.shape(got) == np.shape(full)
    got = np.asarray(got, np.float64).reshape(want.shape)
    n = x.size // max(want.size, 1)
    magnitude = np.asarray(np.sum(mag(f64(x)), axis=axis))
    if op == "mean":
        magnitude = magnitude / n
    if op == "norm_l2":
        magnitude = np.sqrt(magnitude)
    assert np.all(np.abs(got - want) <= bound(dtype, n, magnitude, want)), (op, axis, np.max(np.abs(got - want)))


@FUZZ
@given(data=st.data(), dtype=DTYPES, shape=SHAPES, op=st.sampled_from(sorted(EXACT)))
def test_extremes_are_exact_and_nan_propagates(data, dtype, shape, op):
    x = data.draw(laid_out(shape, dtype, specials=True))
    axis = data.draw(axes_of(len(shape)))
    with np.errstate(all="ignore"):
        want = EXACT[op](x, axis=axis)
    np.testing.assert_array_equal(getattr(trueno, op)(x, axis=axis), want)


@FUZZ
@given(data=st.data(), dtype=DTYPES, shape=SHAPES, op=st.sampled_from(["argmin", "argmax"]),
       keepdims=st.booleans())
def test_arg_reductions_match_numpy(data, dtype, shape, op, keepdims):
    x = data.draw(laid_out(shape, dtype, specials=data.draw(st.booleans())))
    axis = data.draw(st.one_of(st.none(), st.integers(-len(shape), len(shape) - 1)))
    got = getattr(trueno, op)(x, axis=axis, keepdims=keepdims)
    want = getattr(np, op)(x, axis=axis, keepdims=keepdims)
    np.testing.assert_array_equal(got, want)
    assert np.shape(got) == np.shape(want)


@FUZZ
@given(data=st.data(), dtype=DTYPES, shape=SHAPES, op=st.sampled_from(["variance", "stddev"]),
       ddof=st.integers(0, 1), wide=st.booleans())
def test_variance_over_axes(data, dtype, shape, op, ddof, wide):
    x = data.draw(laid_out(shape, dtype, bound=100)) + dtype(50)  # an offset: two-pass accuracy matters
    axis = data.draw(axes_of(len(shape)))
    n = x.size // max(np.sum(f64(x), axis=axis).size, 1)
    assume(n > ddof)
    # long double: NumPy's own float64 var of a constant run is not exactly 0
    want = (np.var if op == "variance" else np.std)(x.astype(np.longdouble), axis=axis, ddof=ddof).astype(np.float64)
    got = getattr(trueno, op)(x, axis=axis, ddof=ddof, dtype=np.float64 if wide else None)
    assert np.asarray(got).dtype == (np.float64 if wide else dtype)
    rel = 4e-6 if dtype == np.float32 and not wide else 1e-12
    np.testing.assert_array_less(np.abs(f64(got) - want), rel * np.abs(want) + 1e-300)


def test_dtype_float64_accumulates_float32_exactly_where_numpy_does():
    x = np.full((3, 100_000), 0.1, np.float32)
    got = trueno.sum(x, axis=1, dtype=np.float64)
    assert got.dtype == np.float64
    np.testing.assert_allclose(got, np.sum(x, axis=1, dtype=np.float64), rtol=1e-15)
    assert trueno.mean(x, axis=None, dtype=np.float64).dtype == np.float64
    with pytest.raises(TypeError, match="trueno does not convert"):
        trueno.sum(x, axis=0, dtype=np.int64)
    with pytest.raises(TypeError, match="trueno does not convert"):
        trueno.min(x, axis=0, dtype=np.float64)  # no accumulator to widen


def test_out_keepdims_and_layouts():
    x = np.random.default_rng(2).random((6, 5, 4)).astype(np.float32)
    out = np.empty((6, 4), np.float32)
    assert trueno.sum(x, axis=1, out=out) is out
    np.testing.assert_allclose(out, x.sum(axis=1, dtype=np.float64), rtol=1e-6)
    out_t = np.empty((4, 6), np.float32).T  # any strides
    trueno.max(x, axis=1, out=out_t)
    np.testing.assert_array_equal(out_t, x.max(axis=1))
    assert trueno.mean(x, axis=(0, 2), keepdims=True).shape == (1, 5, 1)
    assert trueno.sum(x, axis=()).shape == x.shape  # NumPy: nothing reduced
    with pytest.raises(ValueError, match="out has shape"):
        trueno.sum(x, axis=1, out=np.empty((6, 5), np.float32))
    with pytest.raises(TypeError, match="out has dtype float64"):
        trueno.sum(x, axis=1, out=np.empty((6, 4), np.float64))


def test_axis_errors_are_numpys():
    x = np.ones((2, 3), np.float32)
    with pytest.raises(np.exceptions.AxisError):
        trueno.sum(x, axis=2)
    with pytest.raises(np.exceptions.AxisError):
        trueno.mean(x, axis=-3)
    with pytest.raises(ValueError, match="duplicate"):
        trueno.sum(x, axis=(0, -2))
    with pytest.raises(TypeError, match="not a tuple"):
        trueno.argmax(x, axis=(0, 1))
    with pytest.raises(TypeError):
        trueno.sum(x, axis=1.5)
    with pytest.raises(TypeError, match="accepted dtypes: float32, float64"):  # integer x: whole-array only
        trueno.sum(np.ones((2, 3), np.int32), axis=0)


def test_empty_runs():
    x = np.ones((0, 3), np.float32)
    np.testing.assert_array_equal(trueno.sum(x, axis=0), np.zeros(3, np.float32))  # NumPy: 0
    np.testing.assert_array_equal(trueno.norm_l2(x, axis=0), np.zeros(3, np.float32))
    assert trueno.max(x, axis=1).shape == (0,)  # no output: nothing to reduce
    for op in ("mean", "min", "max", "variance", "argmax"):  # undefined, as the whole-array forms
        with pytest.raises(ValueError, match="empty"):
            getattr(trueno, op)(x, axis=0)
    with pytest.raises(ValueError, match="ddof"):
        trueno.variance(np.ones((1, 3), np.float32), axis=0, ddof=1)


# ---- row ops on any axis ------------------------------------------------------------------------
def softmax_ref(x, axis):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


@FUZZ
@given(data=st.data(), dtype=DTYPES, shape=SHAPES, log=st.booleans())
def test_softmax_along_any_axis(data, dtype, shape, log):
    x = data.draw(laid_out(shape, dtype, bound=30))
    axis = data.draw(st.integers(-len(shape), len(shape) - 1))
    f = trueno.log_softmax if log else trueno.softmax
    want = softmax_ref(f64(x), axis)
    want = np.log(want) if log else want
    got = f(x, axis=axis)
    assert got.dtype == dtype and got.shape == x.shape
    # docs/accuracy.md: softmax within 4 eps relative (float data); log_softmax absolutely close.
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(got, want, rtol=8 * eps, atol=(64 if log else 0) * eps + 1e-300)
    # The very same values as the last-axis form on the moved array.
    moved = f(np.ascontiguousarray(np.moveaxis(x, axis, -1)))
    np.testing.assert_array_equal(got, np.moveaxis(moved, -1, axis))
    out = np.empty(shape, dtype)[..., ::-1]
    assert f(x, axis, out=out) is out
    np.testing.assert_array_equal(out, got)


def test_softmax_axis_in_place_and_errors():
    x = np.random.default_rng(3).standard_normal((5, 4)).astype(np.float32)
    y = x.copy()
    trueno.softmax(y, axis=0, out=y)
    np.testing.assert_array_equal(y, trueno.softmax(x, axis=0))
    with pytest.raises(np.exceptions.AxisError):
        trueno.softmax(x, axis=2)
    with pytest.raises(ValueError, match="out has shape"):
        trueno.softmax(x, axis=0, out=np.empty((4, 5), np.float32))


def test_layer_norm_over_trailing_axes():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((4, 3, 5))
    g, b = rng.standard_normal((3, 5)), rng.standard_normal((3, 5))
    flat = x.reshape(4, 15)
    want = ((flat - flat.mean(1, keepdims=True)) / np.sqrt(flat.var(1, keepdims=True) + 1e-5)).reshape(x.shape) * g + b
    np.testing.assert_allclose(trueno.layer_norm(x, g, b, normalized_shape=(3, 5)), want, rtol=1e-12, atol=1e-12)
    rms = (flat / np.sqrt((flat ** 2).mean(1, keepdims=True) + 1e-6)).reshape(x.shape) * g
    np.testing.assert_allclose(trueno.rms_norm(x, g, normalized_shape=(3, 5)), rms, rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(trueno.layer_norm(x, normalized_shape=5), trueno.layer_norm(x))
    with pytest.raises(ValueError, match="not the trailing dimensions"):
        trueno.layer_norm(x, normalized_shape=(4,))
    with pytest.raises(ValueError, match="normalized shape"):
        trueno.layer_norm(x, g[0], normalized_shape=(3, 5))
