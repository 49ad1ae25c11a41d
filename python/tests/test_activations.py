# test_activations.py: the activations (trueno/activations.hpp): element-wise ones against
# float64 references of PyTorch's definitions within docs/accuracy.md's ULP bounds, and the
# row-wise ones (softmax, log_softmax, layer_norm, rms_norm along the last axis) per shape.
import math

import numpy as np
import pytest

import trueno
from conftest import FLOAT_DTYPES, assert_close_ulp, special_values

pytestmark = pytest.mark.usefixtures("backend")

erfc64 = np.vectorize(math.erfc, otypes=[np.float64])
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946


def sigmoid64(x):
    return 1.0 / (1.0 + np.exp(-x))


def softplus64(x, beta=1.0, threshold=20.0):
    return np.where(beta * x > threshold, x, np.logaddexp(0.0, beta * x) / beta)


def gelu_tanh64(x):  # x * sigmoid(2u) == 0.5 x (1 + tanh(u)), without the cancellation
    return x * sigmoid64(2.0 * math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3))


# name -> (call, float64 reference of the parameter-rounded op); the ULP bound is trueno's own
# statement for the name before any "(" (bound()).
ACT = {
    "relu": (trueno.relu, lambda x: np.maximum(x, 0.0)),
    "leaky_relu": (trueno.leaky_relu, lambda x: np.where(x > 0, x, x * 0.01)),
    "leaky_relu(0.2)": (lambda x: trueno.leaky_relu(x, 0.25), lambda x: np.where(x > 0, x, x * 0.25)),
    "elu": (trueno.elu, lambda x: np.where(x > 0, x, np.expm1(x))),
    "elu(0.5)": (lambda x: trueno.elu(x, alpha=0.5), lambda x: np.where(x > 0, x, 0.5 * np.expm1(x))),
    "selu": (trueno.selu, lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x))),
    "celu": (trueno.celu, lambda x: np.maximum(x, 0) + np.minimum(0, np.expm1(x))),
    "celu(2)": (lambda x: trueno.celu(x, 2.0), lambda x: np.maximum(x, 0) + np.minimum(0, 2 * np.expm1(x / 2))),
    "sigmoid": (trueno.sigmoid, sigmoid64),
    "gelu": (trueno.gelu, lambda x: 0.5 * x * erfc64(-x / math.sqrt(2.0))),
    "gelu(tanh)": (lambda x: trueno.gelu(x, approximate="tanh"), gelu_tanh64),
    "swish": (trueno.swish, lambda x: x * sigmoid64(x)),
    "silu": (trueno.silu, lambda x: x * sigmoid64(x)),
    "mish": (trueno.mish, lambda x: x * np.tanh(softplus64(x, 1.0, np.inf))),
    "hardswish": (trueno.hardswish, lambda x: x * (np.clip(x + 3, 0, 6) / 6)),
    "hardsigmoid": (trueno.hardsigmoid, lambda x: np.clip(x + 3, 0, 6) / 6),
    "softplus": (trueno.softplus, softplus64),
    "softplus(2, 5)": (lambda x: trueno.softplus(x, beta=2.0, threshold=5.0), lambda x: softplus64(x, 2.0, 5.0)),
    "softsign": (trueno.softsign, lambda x: np.where(np.isinf(x), np.sign(x), x / (1 + np.abs(x)))),
}


def bound(op):
    """The documented ULP bound of op (the larger of float32's and float64's)."""
    name = "gelu_tanh" if op == "gelu(tanh)" else op.split("(")[0]
    return max(trueno.ulp_bounds()[name])
SHAPES = [(), (0,), (1,), (17,), (3, 5), (2, 3, 4), (20000,)]


def ref(f, x):
    with np.errstate(all="ignore"):
        return f(np.asarray(x, dtype=np.float64))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", ACT)
def test_activation(op, dtype, shape):
    call, f = ACT[op]
    ulps = bound(op)
    x = np.random.default_rng(2).uniform(-12, 12, size=shape).astype(dtype)
    check(call(x), ref(f, x), dtype, ulps)


def check(actual, expected, dtype, ulps):
    """float32: within the ULP bound of the float64 reference. float64: the composite references
    themselves are off by many ULP in the tails (erfc, exp of a rounded argument), so relative."""
    if dtype == np.float32:
        assert_close_ulp(actual, expected, dtype, ulps)
    else:
        assert actual.dtype == dtype and actual.shape == expected.shape
        np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", ACT)
def test_activation_special_values(op, dtype):
    call, f = ACT[op]
    ulps = bound(op)
    x = special_values(dtype)
    x = x[np.isfinite(x)]  # the limits at +-inf are checked below (x * 0 is NaN in a reference)
    check(call(x), ref(f, x), dtype, ulps)
    assert np.isnan(call(np.array([np.nan], dtype))[0])


def test_limits_and_zeros():
    for dt in FLOAT_DTYPES:
        inf = np.array([-np.inf, np.inf], dt)
        for op in ("swish", "silu", "gelu", "mish"):
            y = getattr(trueno, op)(inf)
            assert y[0] == 0 and np.signbit(y[0]) and y[1] == np.inf, op
        np.testing.assert_array_equal(trueno.sigmoid(inf), [0.0, 1.0])
        np.testing.assert_array_equal(trueno.relu(np.array([-0.0], dt)), [0.0])
        assert not np.signbit(trueno.relu(np.array([-0.0], dt))[0])
        assert np.signbit(trueno.leaky_relu(np.array([-0.0], dt))[0])


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_activation_out(dtype):
    x = np.linspace(-5, 5, 300001).astype(dtype)
    expected = trueno.gelu(x, "tanh")
    out = np.empty_like(x)
    assert trueno.gelu(x, "tanh", out=out) is out
    np.testing.assert_array_equal(out, expected)
    assert trueno.softplus(x, 1.0, 20.0, out=x) is x


def test_parameter_errors():
    x = np.ones(4, np.float32)
    with pytest.raises(ValueError, match="trueno.gelu: approximate must be 'none' or 'tanh', got 'erf'"):
        trueno.gelu(x, "erf")
    with pytest.raises(ValueError, match="celu"):
        trueno.celu(x, 0.0)
    with pytest.raises(ValueError, match="softplus"):
        trueno.softplus(x, beta=0.0)
    with pytest.raises(ValueError, match="softplus"):
        trueno.softplus(x, threshold=float("nan"))


# ---- row-wise ---------------------------------------------------------------------------------

ROW_SHAPES = [(), (0,), (1,), (7,), (3, 17), (2, 3, 33), (4, 0), (0, 5), (16, 1024)]


def softmax64(x):
    x = np.asarray(x, np.float64)
    if x.ndim == 0:
        return np.ones_like(x)
    e = np.exp(x - x.max(axis=-1, keepdims=True)) if x.size else x
    return e / e.sum(axis=-1, keepdims=True) if x.size else x


def log_softmax64(x):
    x = np.asarray(x, np.float64)
    if x.ndim == 0:
        return np.zeros_like(x)
    if x.size == 0:
        return x
    s = x - x.max(axis=-1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=-1, keepdims=True))


def layer_norm64(x, g=None, b=None, eps=1e-5):
    x = np.asarray(x, np.float64).reshape(np.shape(x) or (1,))
    mu = x.mean(axis=-1, keepdims=True) if x.size else x
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True) if x.size else x
    y = (x - mu) / np.sqrt(var + eps)
    if g is not None:
        y = y * g
    if b is not None:
        y = y + b
    return y


def rms_norm64(x, g=None, eps=1e-6):
    x = np.asarray(x, np.float64).reshape(np.shape(x) or (1,))
    ms = (x * x).mean(axis=-1, keepdims=True) if x.size else x
    y = x / np.sqrt(ms + eps)
    return y * g if g is not None else y


def close(actual, expected, dtype, rtol_eps, atol_eps=0.0):
    eps = np.finfo(dtype).eps
    actual = np.asarray(actual)
    assert actual.dtype == dtype
    expected = np.asarray(expected).reshape(actual.shape)
    tol = rtol_eps * eps * np.abs(expected) + atol_eps * eps + 4 * np.finfo(dtype).smallest_subnormal
    assert np.all(np.abs(actual - expected) <= tol), np.max(np.abs(actual - expected) - tol)


@pytest.mark.parametrize("shape", ROW_SHAPES)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_softmax(dtype, shape):
    x = np.random.default_rng(4).uniform(-20, 20, size=shape).astype(dtype)
    y = trueno.softmax(x)
    assert y.shape == x.shape
    close(y, softmax64(x), dtype, 8 if dtype == np.float32 else 32)
    if x.ndim and x.shape[-1]:
        np.testing.assert_allclose(y.sum(axis=-1), 1.0, rtol=x.shape[-1] * np.finfo(dtype).eps * 2)
    ls = trueno.log_softmax(x)
    ref = log_softmax64(x)
    if ref.size:
        row = np.abs(ref).max(axis=-1, keepdims=True) if ref.ndim else np.abs(ref)
        tol = 4 * np.finfo(dtype).eps * (np.abs(ref) + row) + 32 * np.finfo(np.float64).eps * np.abs(ref)
        assert np.all(np.abs(ls - ref) <= tol + np.finfo(dtype).tiny)
    assert ls.shape == x.shape and ls.dtype == dtype


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_softmax_stability_and_special_rows(dtype):
    x = np.array([[1e30, 1e30, 0.0], [-np.inf, 0.0, 0.0], [-np.inf, -np.inf, -np.inf], [np.nan, 1.0, 2.0]], dtype)
    x[0, :] = np.finfo(dtype).max / 2
    y = trueno.softmax(x)
    np.testing.assert_allclose(y[0], [1 / 3] * 3, rtol=1e-6)
    np.testing.assert_array_equal(y[1], [0.0, 0.5, 0.5])
    assert np.isnan(y[2]).all() and np.isnan(y[3]).all()
    ls = trueno.log_softmax(x)
    assert ls[1, 0] == -np.inf
    np.testing.assert_allclose(ls[1, 1:], [-np.log(2)] * 2, rtol=1e-6)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shape", [(1,), (7,), (3, 17), (2, 3, 33), (16, 1024)])
def test_layer_norm_and_rms_norm(dtype, shape):
    rng = np.random.default_rng(5)
    x = rng.uniform(-3, 3, size=shape).astype(dtype) + dtype(10)
    n = shape[-1]
    g = rng.uniform(0.5, 2, n).astype(dtype)
    b = rng.uniform(-1, 1, n).astype(dtype)
    for args, kw, ref in [
        ((), {}, layer_norm64(x)),
        ((g,), {}, layer_norm64(x, g)),
        ((g, b), {}, layer_norm64(x, g, b)),
        ((None, b), {"eps": 1e-3}, layer_norm64(x, None, b, eps=1e-3)),
    ]:
        y = trueno.layer_norm(x, *args, **kw)
        assert y.shape == x.shape
        close(y, ref, dtype, 16, 16)
    close(trueno.rms_norm(x), rms_norm64(x), dtype, 8)
    close(trueno.rms_norm(x, g, eps=1e-2), rms_norm64(x, g, eps=1e-2), dtype, 8)
    out = np.empty_like(x)
    assert trueno.layer_norm(x, g, b, out=out) is out
    assert trueno.rms_norm(x, g, out=x) is x


def test_row_op_errors():
    x = np.ones((2, 3), np.float32)
    with pytest.raises(ValueError, match=r"trueno.layer_norm: gamma has shape \(2,\) but x has shape \(2, 3\)"):
        trueno.layer_norm(x, np.ones(2, np.float32))
    with pytest.raises(ValueError, match=r"trueno.rms_norm: gamma has shape \(1, 3\)"):
        trueno.rms_norm(x, np.ones((1, 3), np.float32))
    with pytest.raises(TypeError, match="trueno.layer_norm: x has dtype float32 but beta has dtype float64"):
        trueno.layer_norm(x, None, np.ones(3))
    with pytest.raises(TypeError, match="trueno.layer_norm: gamma has dtype int64"):
        trueno.layer_norm(x, np.ones(3, np.int64))
    with pytest.raises(ValueError, match="layer_norm"):
        trueno.layer_norm(x, eps=0.0)
    with pytest.raises(ValueError, match="rms_norm"):
        trueno.rms_norm(x, eps=-1.0)
