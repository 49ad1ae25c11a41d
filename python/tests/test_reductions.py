# test_reductions.py: the whole-array reductions against NumPy and exact references, per
# dtype, shape and backend; NaN semantics, empty input, integer overflow, result types.
import math

import numpy as np
import pytest

import trueno
from conftest import FLOAT_DTYPES, INT_DTYPES, SHAPES, random_array, special_values

pytestmark = pytest.mark.usefixtures("backend")

ALL_DTYPES = FLOAT_DTYPES + INT_DTYPES
NONEMPTY = [s for s in SHAPES if math.prod(s) > 0]


def sum_bound(x, dtype):
    """docs/accuracy.md: |err| <= ulp(r)/2 + 2^-23 sum|x| (float), (log2 n + 40) 2^-53 sum|x| (double);
    the ulp(r)/2 term is added by check_close."""
    n = max(x.size, 1)
    mag = math.fsum(np.abs(x.astype(np.float64)).ravel())
    if dtype == np.float32:
        return 2.0**-23 * mag
    return (math.log2(n) + 40) * 2.0**-53 * mag


def check_close(r, exact, bound, dtype):
    assert type(r) is np.dtype(dtype).type
    assert abs(float(r) - exact) <= bound + float(np.spacing(np.abs(dtype(exact)))) / 2, (r, exact, bound)


@pytest.mark.parametrize("op", ["sum", "mean"])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_sum_mean(op, dtype, shape):
    x = random_array(shape, dtype)
    if op == "mean" and x.size == 0:
        return  # a ValueError: test_empty
    r = getattr(trueno, op)(x)
    assert type(r) is type(getattr(np, op)(x))
    integer = np.issubdtype(dtype, np.integer)
    if integer and op == "sum":
        assert r == sum(int(v) for v in x.ravel())  # exact
        return
    n = x.size if op == "mean" else 1
    result_dtype = np.float64 if integer else dtype
    check_close(r, math.fsum(x.astype(np.float64).ravel()) / n, sum_bound(x, result_dtype) / n, result_dtype)


@pytest.mark.parametrize("op", ["min", "max", "argmin", "argmax"])
@pytest.mark.parametrize("shape", NONEMPTY)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_extremes(op, dtype, shape):
    x = random_array(shape, dtype)
    if x.size > 3:
        x.ravel()[[1, -2]] = x.max()  # ties: the first index wins
        x.ravel()[[0, -1]] = x.min()
    r, expected = getattr(trueno, op)(x), getattr(np, op)(x)
    assert type(r) is type(expected) and r == expected


@pytest.mark.parametrize("op", ["min", "max", "argmin", "argmax"])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_extremes_nan(op, dtype):
    for pos in (0, 5, 99, 4098):
        x = random_array((4099,), dtype)
        x[pos] = np.nan
        x[min(pos + 1, 4098) :] = np.nan  # the first NaN is the one reported
        r, expected = getattr(trueno, op)(x), getattr(np, op)(x)
        if op.startswith("arg"):
            assert r == expected == pos
        else:
            assert np.isnan(r) and np.isnan(expected)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_extremes_special_values(dtype):
    x = special_values(dtype)[1:]  # without the NaN: inf, -inf, denormals, -0
    for op in ("min", "max", "argmin", "argmax"):
        assert getattr(trueno, op)(x) == getattr(np, op)(x)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_nan_propagates_through_sums(dtype):
    x = random_array((1000,), dtype)
    x[500] = np.nan
    for op in ("sum", "mean", "norm_l1", "norm_l2", "norm_linf", "sum_of_squares"):
        assert np.isnan(getattr(trueno, op)(x)), op
    assert np.isnan(trueno.dot(x, x))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_dot(dtype, shape):
    a = random_array(shape, dtype, seed=1)
    b = random_array(shape, dtype, seed=2)
    r = trueno.dot(a, b)
    if np.issubdtype(dtype, np.integer):
        assert type(r) is np.int64 and r == sum(int(x) * int(y) for x, y in zip(a.ravel(), b.ravel()))
        return
    prods = [float(x) * float(y) for x, y in zip(a.ravel().tolist(), b.ravel().tolist())]
    bound = sum_bound(np.abs(np.array(prods)), dtype)
    if dtype == np.float64:  # the reference's products are rounded once each
        bound += 2.0**-53 * math.fsum(map(abs, prods))
    check_close(r, math.fsum(prods), bound, dtype)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_norms(dtype, shape):
    x = random_array(shape, dtype)
    w = x.astype(np.float64).ravel()
    bound = sum_bound(x, dtype)
    check_close(trueno.norm_l1(x), math.fsum(np.abs(w)), bound, dtype)
    check_close(trueno.sum_of_squares(x), math.fsum(w * w), sum_bound(x * x, dtype) * 2, dtype)
    l2 = math.sqrt(math.fsum(w * w))
    check_close(trueno.norm_l2(x), l2, 4 * float(np.spacing(dtype(max(l2, 1e-30)))), dtype)
    linf = trueno.norm_linf(x)
    assert type(linf) is np.dtype(dtype).type and linf == (np.max(np.abs(x)) if x.size else 0)


def test_norm_l2_has_no_spurious_overflow_or_underflow():
    assert trueno.norm_l2(np.array([3e300, 4e300])) == 5e300
    assert trueno.norm_l2(np.array([3e-300, 4e-300])) == pytest.approx(5e-300, rel=1e-15)
    assert trueno.norm_l2(np.array([3e30, 4e30], dtype=np.float32)) == np.float32(5e30)


@pytest.mark.parametrize("dtype", ALL_DTYPES)
def test_empty(dtype):
    x = np.zeros((0,), dtype=dtype)
    assert trueno.sum(x) == 0 and type(trueno.sum(x)) is type(np.sum(x))
    assert trueno.dot(x, x) == 0
    for op in ("mean", "min", "max", "argmin", "argmax"):
        with pytest.raises(ValueError, match=rf"trueno\.{op}: empty input"):
            getattr(trueno, op)(x)
    if dtype in FLOAT_DTYPES:
        for op in ("norm_l1", "norm_l2", "norm_linf", "sum_of_squares"):
            assert getattr(trueno, op)(x) == 0


def test_integer_overflow():
    big = np.array([2**62, 2**62], dtype=np.int64)
    with pytest.raises(OverflowError, match="trueno.sum"):
        trueno.sum(big)
    with pytest.raises(OverflowError, match="trueno.dot"):
        trueno.dot(big, big)
    assert trueno.sum(np.array([2**62, 2**62, -(2**62)], dtype=np.int64)) == 2**62  # exact, no wrap
    i32 = np.full(1000, 2**31 - 1, dtype=np.int32)
    assert trueno.sum(i32) == 1000 * (2**31 - 1)  # int32 sums are int64, never wrap
    assert trueno.dot(i32[:2], i32[:2]) == 2 * (2**31 - 1) ** 2  # just below 2^63
    with pytest.raises(OverflowError):
        trueno.dot(i32[:3], i32[:3])


def test_lists_and_scalars():
    assert trueno.sum([1.0, 2.0, 3.5]) == 6.5 and type(trueno.sum([1.0])) is np.float64
    assert trueno.sum([1, 2, 3]) == 6 and type(trueno.sum([1, 2])) is np.int64
    assert trueno.max(7.0) == 7.0
    assert trueno.argmax([[1.0, 9.0], [9.0, 2.0]]) == 1
    assert trueno.dot([1.0, 2.0], [3.0, 4.0]) == 11.0


def test_non_contiguous():
    base = random_array((50, 40), np.float32)
    for v in (base[:, ::3], base.T, base[::-1]):
        assert trueno.argmax(v) == np.argmax(v) and trueno.min(v) == np.min(v)
        assert trueno.sum(v) == pytest.approx(np.sum(v.astype(np.float64)), rel=1e-6)
