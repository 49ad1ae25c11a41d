# test_elementwise.py: every element-wise op against NumPy, per dtype, shape and backend;
# out= (fresh, in-place), non-contiguous and non-array inputs.
from fractions import Fraction

import numpy as np
import pytest

import trueno
from conftest import FLOAT_DTYPES, SHAPES, SMALL_SHAPES, assert_same, assert_ulp, random_array, special_values

pytestmark = pytest.mark.usefixtures("backend")


# name -> NumPy reference; all of these are exact (bit-for-bit equal to NumPy).
UNARY = {
    "abs": np.abs,
    "neg": np.negative,
    "sqrt": np.sqrt,
    "recip": np.reciprocal,
    "floor": np.floor,
    "ceil": np.ceil,
    "round": np.rint,
    "trunc": np.trunc,
    "fract": lambda x: x - np.trunc(x),
    "signum": np.sign,  # +0 for -0, as NumPy
}
BINARY = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
    "minimum": np.minimum,
    "maximum": np.maximum,
    "copysign": np.copysign,
}


def reference(f, *args):
    with np.errstate(all="ignore"):
        return f(*args)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", UNARY)
def test_unary(op, dtype, shape):
    x = random_array(shape, dtype)
    assert_same(getattr(trueno, op)(x), reference(UNARY[op], x))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", UNARY)
def test_unary_special_values(op, dtype):
    x = special_values(dtype)
    assert_same(getattr(trueno, op)(x), reference(UNARY[op], x))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", BINARY)
def test_binary(op, dtype, shape):
    a = random_array(shape, dtype, seed=1)
    b = random_array(shape, dtype, seed=2)
    assert_same(getattr(trueno, op)(a, b), reference(BINARY[op], a, b))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", BINARY)
def test_binary_special_values(op, dtype):
    s = special_values(dtype)
    a, b = np.repeat(s, s.size), np.tile(s, s.size)  # every pair
    assert_same(getattr(trueno, op)(a, b), reference(BINARY[op], a, b))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_scale(dtype, shape):
    x = random_array(shape, dtype)
    assert_same(trueno.scale(x, 1.7), x * dtype(1.7))


@pytest.mark.parametrize("op", ["clamp", "clip"])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_clamp(op, dtype, shape):
    x = random_array(shape, dtype)
    assert_same(getattr(trueno, op)(x, -2.5, 3.0), np.clip(x, dtype(-2.5), dtype(3.0)))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_clamp_special_values(dtype):
    x = special_values(dtype)
    assert_same(trueno.clamp(x, -1.0, 2.0), np.clip(x, dtype(-1.0), dtype(2.0)))


@pytest.mark.parametrize("t", [0.0, 0.25, 0.5, 0.75, 1.0])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_lerp(dtype, shape, t):
    a = random_array(shape, dtype, seed=1)
    b = random_array(shape, dtype, seed=2)
    r = trueno.lerp(a, b, t)
    wide = a.astype(np.longdouble) + np.longdouble(t) * (b.astype(np.longdouble) - a)
    np.testing.assert_allclose(r, wide.astype(dtype), rtol=4 * np.finfo(dtype).eps, atol=40 * np.finfo(dtype).eps)
    assert r.dtype == dtype
    if t == 0.0:
        assert_same(r, a)
    if t == 1.0:
        assert_same(r, b)


def exact_fma(a, b, c):
    """Correctly rounded a * b + c for float64, in rational arithmetic (int / int rounds once)."""
    return np.array([float(Fraction(x) * Fraction(y) + Fraction(z)) for x, y, z in zip(a, b, c)])


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_fma(dtype, shape):
    a, b, c = (random_array(shape, dtype, seed=s) for s in (1, 2, 3))
    r = trueno.fma(a, b, c)
    if dtype == np.float32:  # a * b is exact in double: one double rounding, then to float
        assert_ulp(r, (a.astype(np.float64) * b + c).astype(dtype), 1)
    else:
        k = min(a.size, 2000)
        assert_same(r.ravel()[:k], exact_fma(a.ravel()[:k], b.ravel()[:k], c.ravel()[:k]))


# ---- out= ----------------------------------------------------------------------------------
CALLS = {  # op -> (call(trueno, inputs, **kw), reference(inputs), number of array inputs)
    "sqrt": (lambda xs, **kw: trueno.sqrt(xs[0], **kw), lambda xs: reference(np.sqrt, xs[0]), 1),
    "add": (lambda xs, **kw: trueno.add(xs[0], xs[1], **kw), lambda xs: xs[0] + xs[1], 2),
    "scale": (lambda xs, **kw: trueno.scale(xs[0], 3.0, **kw), lambda xs: xs[0] * 3, 1),
    "clamp": (lambda xs, **kw: trueno.clamp(xs[0], -1.0, 1.0, **kw), lambda xs: np.clip(xs[0], -1, 1), 1),
    "lerp": (lambda xs, **kw: trueno.lerp(xs[0], xs[1], 0.0, **kw), lambda xs: xs[0], 2),
    "fma": (lambda xs, **kw: trueno.fma(xs[0], xs[1], xs[2], **kw), None, 3),
}


def inputs(n, shape, dtype):
    return [random_array(shape, dtype, seed=s) for s in range(n)]


@pytest.mark.parametrize("shape", [(0,), (17,), (3, 5), (300001,)])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", CALLS)
def test_out_fresh_and_in_place(op, dtype, shape):
    call, ref, n = CALLS[op]
    xs = inputs(n, shape, dtype)
    expected = call([x.copy() for x in xs])
    if ref is not None:
        assert_same(expected, ref(xs))
    out = np.full(shape, 99, dtype=dtype)
    assert call(xs, out=out) is out
    assert_same(out, expected)
    for i in range(n):  # in-place into each input in turn
        ys = [x.copy() for x in xs]
        assert call(ys, out=ys[i]) is ys[i]
        assert_same(ys[i], expected)


def test_out_partial_overlap_reads_the_input_as_it_was():
    # NumPy's semantics for the listed ops: an input overlapping out is read before the call.
    x = np.arange(10, dtype=np.float32)
    y = x.copy()
    trueno.sqrt(x[:8], out=x[2:])
    np.sqrt(y[:8], out=y[2:])
    assert_same(x, y)
    x, y = x.copy(), x.copy()
    trueno.add(x[1:], x[:-1], out=x[1:])
    np.add(y[1:], y[:-1], out=y[1:])
    assert_same(x, y)


def test_out_partial_overlap_is_an_error_for_ops_with_parameters():
    x = np.arange(10, dtype=np.float32)
    with pytest.raises(ValueError, match="overlap"):
        trueno.scale(x[:8], 2.0, out=x[2:])


# ---- inputs that are not C-contiguous NumPy arrays -------------------------------------------
def non_contiguous_views(dtype):
    base = random_array((40, 30), dtype)
    unaligned = np.frombuffer(b"\0" + base.tobytes(), dtype=dtype, offset=1, count=base.size)
    assert not unaligned.flags.aligned
    return {
        "strided": base[:, ::3],
        "transposed": base.T,
        "fortran": np.asfortranarray(base),
        "reversed": base[::-1, ::-1],
        "unaligned": unaligned,
    }


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_non_contiguous_inputs(dtype):
    for name, v in non_contiguous_views(dtype).items():
        before = v.copy()
        assert_same(trueno.sqrt(np.abs(v)), np.sqrt(np.abs(v)))
        assert_same(trueno.add(v, v), v + v)
        assert_same(trueno.mul(v, np.ascontiguousarray(v)), v * v)
        assert_same(v, before), name  # inputs untouched


@pytest.mark.parametrize("shape", SMALL_SHAPES)
def test_result_is_a_new_c_contiguous_array(shape):
    x = random_array(shape, np.float32)
    r = trueno.abs(x)
    assert r is not x and r.flags.c_contiguous and r.flags.writeable
    assert not np.shares_memory(r, x)


def test_python_scalars_and_lists():
    r = trueno.sqrt([1.0, 4.0, 9.0])
    assert_same(r, np.array([1.0, 2.0, 3.0]))  # a list of floats is float64, as numpy.asarray
    assert_same(trueno.add([1.0, 2.0], [3.0, 4.0]), np.array([4.0, 6.0]))
    assert_same(trueno.sqrt(4.0), np.asarray(2.0))
    assert_same(trueno.sqrt(np.float32(4.0)), np.asarray(np.float32(2.0)))
    assert_same(trueno.scale([[1.0, 2.0]], 2), np.array([[2.0, 4.0]]))
