# test_nd.py: NumPy's array semantics of the listed element-wise ops: broadcasting, Python
# scalars (NEP 50's weak typing), strided inputs and outputs, the result's layout (order='K'),
# out= of the broadcast shape, overlap. NumPy is the oracle for the exact binary ops; the other
# ops must give the very same values as trueno on contiguous copies (whose accuracy the other
# suites check against references), so only the array semantics are under test here.
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import trueno
from test_fuzz import BINARY, DTYPES, assert_same, laid_out

FUZZ = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
EXACT = {**BINARY, "minimum": np.minimum, "maximum": np.maximum, "copysign": np.copysign}
OPS = trueno._core._ops()
UNARY = sorted(n for n, op in OPS.items() if op[0] in ("elementwise", "math", "activation", "alias") and op[1] == 1)


def same_values(actual, expected):
    """Same dtype, shape and values (NaN for NaN, the sign of zeros)."""
    assert actual.dtype == expected.dtype and actual.shape == expected.shape
    np.testing.assert_array_equal(actual, expected)
    np.testing.assert_array_equal(np.signbit(actual), np.signbit(expected) | np.isnan(expected) & np.signbit(actual))


@FUZZ
@given(data=st.data(), dtype=DTYPES, op=st.sampled_from(sorted(EXACT)),
       shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4, max_side=5))
def test_binary_broadcasting_matches_numpy(data, dtype, op, shapes):
    a = data.draw(laid_out(shapes.input_shapes[0], dtype, specials=True))
    b = data.draw(laid_out(shapes.input_shapes[1], dtype, specials=True))
    with np.errstate(all="ignore"):
        want = EXACT[op](a, b)
    got = getattr(trueno, op)(a, b)
    assert_same(np.asarray(got), np.asarray(want))
    out = data.draw(laid_out(shapes.result_shape, dtype))  # any layout, even reversed
    assert getattr(trueno, op)(a, b, out=out) is out
    assert_same(out, np.asarray(want))


@FUZZ
@given(data=st.data(), dtype=DTYPES, op=st.sampled_from(UNARY),
       shapes=hnp.mutually_broadcastable_shapes(num_shapes=1, min_dims=0, max_dims=4, max_side=6))
def test_unary_strided_and_broadcast_equal_contiguous(data, dtype, op, shapes):
    x = data.draw(laid_out(shapes.input_shapes[0], dtype, specials=True, bound=20))
    f = getattr(trueno, op)
    want = f(x.copy(order="C"))
    same_values(np.asarray(f(x)), np.asarray(want))
    out = np.empty(shapes.result_shape, dtype)[..., ::-1] if shapes.result_shape else np.empty((), dtype)
    f(x, out=out)  # x broadcast to out's shape, written through a reversed view
    same_values(out, np.broadcast_to(want, out.shape))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_python_scalars_take_the_array_dtype(dtype):
    x = np.linspace(-3, 3, 11).astype(dtype)
    for s in (2.0, 3, True, 0.1, -7, 1e30):
        for op in EXACT:
            with np.errstate(all="ignore"):
                assert_same(getattr(trueno, op)(x, s), EXACT[op](x, s))  # NumPy 2: NEP 50 as well
                assert_same(getattr(trueno, op)(s, x), EXACT[op](s, x))
    assert trueno.mul(x, 2.0).dtype == dtype


def test_numpy_scalars_and_0d_arrays_keep_their_dtype():
    x = np.ones(4, np.float32)
    for s in (np.float64(2.0), np.array(2.0)):
        with pytest.raises(TypeError, match="mixed dtypes are not converted"):
            trueno.mul(x, s)
    assert_same(trueno.mul(x, np.float32(2.0)), x * np.float32(2.0))
    assert_same(trueno.mul(x, np.array(2.0, np.float32)), x * 2)


def test_scalar_errors():
    x = np.ones(4, np.float32)
    with pytest.raises(TypeError):
        trueno.add(x, 1j)
    with pytest.raises(TypeError):
        trueno.add(x, "1")
    with pytest.raises(OverflowError):
        trueno.add(x, 10**400)
    with pytest.raises(TypeError, match="dtype int64"):  # no array: NumPy's dtype for the scalars
        trueno.add(1, 2)
    assert_same(np.asarray(trueno.add(1.0, 2.0)), np.asarray(3.0))


def test_result_layout_follows_the_inputs():
    x = np.random.default_rng(0).random((300, 200)).astype(np.float32)
    r = trueno.exp(x.T)
    assert r.flags.f_contiguous and not r.flags.c_contiguous
    assert_same(r, trueno.exp(np.ascontiguousarray(x.T)))
    r = trueno.add(x.T, 1.0)
    assert r.flags.f_contiguous
    z = np.ascontiguousarray(x.T)
    assert trueno.add(x.T, z).flags.f_contiguous  # the first operand of the result's shape decides
    assert trueno.add(z, x.T).flags.c_contiguous
    assert trueno.add(x[::2], 1.0).flags.c_contiguous


def test_out_of_the_broadcast_shape():
    x = np.arange(6, dtype=np.float64).reshape(2, 3)
    row = np.array([10.0, 20.0, 30.0])
    out = np.zeros((4, 2, 3))
    assert trueno.add(x, row, out=out) is out
    assert_same(out, np.broadcast_to(x + row, (4, 2, 3)).copy())
    with pytest.raises(ValueError, match=r"out has shape \(3,\) but the result has shape \(2, 3\)"):
        trueno.add(x, row, out=np.zeros(3))
    with pytest.raises(ValueError, match="out is read-only"):
        trueno.add(x, row, out=np.broadcast_to(np.zeros(3), (2, 3)))


def test_in_place_on_views():
    x = np.arange(24, dtype=np.float32).reshape(4, 6)
    y = x.copy()
    v = x[:, ::2]
    trueno.mul(v, 2.0, out=v)
    y[:, ::2] *= 2
    assert_same(x, y)
    trueno.add(x.T, x.T, out=x.T)
    assert_same(x, y + y)


def test_overlapping_out_reads_the_inputs_first():
    rng = np.random.default_rng(1)
    for shift in (1, 3, -2):
        x = rng.random(50)
        y = x.copy()
        a, o = (x[:-3], x[3:]) if shift > 0 else (x[3:], x[:-3])
        trueno.sub(a[::-1], a, out=o)
        a2, o2 = (y[:-3], y[3:]) if shift > 0 else (y[3:], y[:-3])
        np.subtract(a2[::-1], a2, out=o2)
        assert_same(x, y)


def test_too_many_dimensions():
    x = np.ones((2,) * 9, np.float32)
    assert_same(trueno.exp(x), trueno.exp(x.ravel()).reshape(x.shape))  # one contiguous run
    with pytest.raises(ValueError, match="x has 9 dimensions; at most 8 are supported"):
        trueno.exp(x[..., ::-1])


def test_unaligned_and_odd_strides_are_copied():
    raw = np.zeros(4 * 100 + 1, np.uint8)[1:].view(np.float32)
    assert not raw.flags.aligned
    raw[:] = np.arange(100)
    assert_same(trueno.add(raw, 1.0), raw + np.float32(1))
    rec = np.zeros(10, dtype=[("a", np.float32), ("b", np.int8)])["a"]  # 5-byte strides
    rec[:] = np.arange(10)
    assert_same(trueno.mul(rec, 2.0), rec * np.float32(2))


@FUZZ
@given(data=st.data(), dtype=DTYPES,
       shapes=hnp.mutually_broadcastable_shapes(num_shapes=3, min_dims=0, max_dims=3, max_side=5))
def test_ternary_ops_broadcast(data, dtype, shapes):
    a, b, c = (data.draw(laid_out(s, dtype, specials=True)) for s in shapes.input_shapes)
    # fma: one rounding of a * b + c, which float64 arithmetic gives exactly for float32 data.
    got = np.asarray(trueno.fma(a, b, c))
    if dtype == np.float32:
        with np.errstate(all="ignore"):
            want = (a.astype(np.float64) * b + c).astype(np.float32)
        assert_same(got, np.asarray(want))
    assert got.shape == shapes.result_shape
    # lerp and clamp: the same values as on materialized operands.
    full = [np.broadcast_to(v, shapes.result_shape).copy() for v in (a, b, c)]
    ab = np.broadcast_shapes(a.shape, b.shape)
    with np.errstate(all="ignore"):
        want = trueno.lerp(np.broadcast_to(a, ab).copy(), np.broadcast_to(b, ab).copy(), 0.25)
        assert_same(np.asarray(trueno.lerp(a, b, 0.25)), np.asarray(want))
        assert_same(np.asarray(trueno.clamp(a, b, c)), np.asarray(np.clip(full[0], full[1], full[2])))


def test_clamp_bounds_forms():
    x = np.linspace(-2, 2, 9).astype(np.float32)
    assert_same(trueno.clip(x, -1.0, np.float32(1.0)), np.clip(x, np.float32(-1), np.float32(1)))
    with pytest.raises(ValueError, match="lo"):  # number bounds are checked: lo > hi
        trueno.clamp(x, 2.0, 1.0)
    assert_same(trueno.clamp(x, np.full(9, 2, np.float32), 1.0), np.full(9, 1, np.float32))  # numpy: hi wins
    with pytest.raises(TypeError, match="mixed dtypes"):
        trueno.clamp(x, np.zeros(9), 1.0)
