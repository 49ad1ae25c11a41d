# test_matrix.py: matmul (2-D, batched, 1-D operands, transposed views), transpose, matvec,
# vecmat, convolve2d and symmetric_eigen against NumPy, with the classical product bound.
import numpy as np
import pytest

import trueno
from conftest import FLOAT_DTYPES

pytestmark = pytest.mark.usefixtures("backend")


def rand(shape, dtype, seed=0):
    return np.random.default_rng(seed).uniform(-1, 1, size=shape).astype(dtype)


def assert_product(c, a, b, dtype):
    """|c - ab| <= 2 k eps(T) (|a| |b|), k the inner dimension (docs/accuracy.md)."""
    a64, b64 = np.asarray(a, np.float64), np.asarray(b, np.float64)
    ref = a64 @ b64
    bound = np.abs(a64) @ np.abs(b64)
    k = a64.shape[-1]
    c = np.asarray(c)
    assert c.dtype == dtype and c.shape == np.shape(ref), (c.dtype, c.shape, np.shape(ref))
    assert np.all(np.abs(c - ref) <= 2 * max(k, 1) * np.finfo(dtype).eps * bound + np.finfo(dtype).tiny)


MATMUL_SHAPES = [
    ((3, 4), (4, 5)), ((1, 7), (7, 1)), ((0, 3), (3, 4)), ((3, 0), (0, 4)), ((33, 65), (65, 17)),
    ((130, 70), (70, 129)), ((2, 3, 4), (2, 4, 5)), ((2, 2, 5, 3), (2, 2, 3, 6)), ((2, 3, 4), (4, 5)),
    ((4,), (4, 5)), ((3, 4), (4,)), ((2, 3, 4), (4,)), ((4,), (4,)), ((6, 1), (1, 6)),
]


@pytest.mark.parametrize("shapes", MATMUL_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_matmul(dtype, shapes):
    a, b = rand(shapes[0], dtype, 1), rand(shapes[1], dtype, 2)
    c = trueno.matmul(a, b)
    assert_product(c, a, b, dtype)
    if np.ndim(c) == 0:
        assert np.isscalar(c) or c.shape == ()
    else:
        out = np.full(c.shape, np.nan, dtype)
        assert trueno.matmul(a, b, out=out) is out
        np.testing.assert_array_equal(out, c)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_matmul_layouts(dtype):
    a, b = rand((40, 30), dtype, 1), rand((50, 40), dtype, 2)
    assert_product(trueno.matmul(a.T, b.T), a.T, b.T, dtype)  # F-contiguous: read in place
    assert_product(trueno.matmul(a[:, ::2], b[:30:2, :]), a[:, ::2], b[:30:2, :], dtype)  # strided: copied
    assert_product(trueno.matmul(a.tolist(), b[:30].tolist()), a.astype(np.float64), b[:30], np.float64)


def test_matmul_errors():
    a = np.ones((2, 3), np.float32)
    with pytest.raises(ValueError, match=r"trueno.matmul: a has shape \(2, 3\) and b has shape \(2, 3\); the inner"):
        trueno.matmul(a, a)
    with pytest.raises(ValueError, match="batch dimensions must be equal"):
        trueno.matmul(np.ones((2, 3, 4), np.float32), np.ones((3, 4, 5), np.float32))
    with pytest.raises(ValueError, match="batch dimensions must be equal"):
        trueno.matmul(np.ones((3, 4), np.float32), np.ones((2, 4, 5), np.float32))
    with pytest.raises(ValueError, match="1-D a needs a 2-D b"):
        trueno.matmul(np.ones(4, np.float32), np.ones((2, 4, 5), np.float32))
    with pytest.raises(ValueError, match="0-d"):
        trueno.matmul(np.float32(2), a)
    with pytest.raises(TypeError, match="mixed dtypes"):
        trueno.matmul(a, np.ones((3, 2)))
    with pytest.raises(TypeError, match="accepted dtypes: float32, float64"):
        trueno.matmul(a.astype(np.int32), a.T)
    with pytest.raises(ValueError, match=r"out has shape \(3, 3\) but the result has shape \(2, 2\)"):
        trueno.matmul(a, a.T, out=np.empty((3, 3), np.float32))
    with pytest.raises(TypeError, match="out has dtype float64"):
        trueno.matmul(a, a.T, out=np.empty((2, 2)))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shape", [(0, 3), (1, 1), (3, 5), (67, 129)])
def test_transpose(dtype, shape):
    a = rand(shape, dtype)
    t = trueno.transpose(a)
    assert t.flags.c_contiguous
    np.testing.assert_array_equal(t, a.T)
    out = np.empty(a.T.shape, dtype)
    assert trueno.transpose(a, out=out) is out
    np.testing.assert_array_equal(out, a.T)
    with pytest.raises(ValueError, match=r"trueno.transpose: a must be 2-D, but has shape \(3,\)"):
        trueno.transpose(np.ones(3, dtype))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("m, n", [(0, 3), (3, 0), (1, 1), (5, 7), (100, 300)])
def test_matvec_vecmat(dtype, m, n):
    A = rand((m, n), dtype)
    x, y = rand(n, dtype, 1), rand(m, dtype, 2)
    assert_product(trueno.matvec(A, x), A, x, dtype)
    assert_product(trueno.vecmat(y, A), y, A, dtype)
    out = np.empty(m, dtype)
    assert trueno.matvec(A, x, out=out) is out
    with pytest.raises(ValueError, match=r"trueno.matvec: A has shape .* and x has shape \(\d+,\); A must be"):
        trueno.matvec(A, np.ones(n + 1, dtype))
    with pytest.raises(ValueError, match=r"trueno.vecmat: x has shape"):
        trueno.vecmat(np.ones(m + 1, dtype), A)


def convolve2d_ref(image, kernel):
    image, kernel = np.asarray(image, np.float64), np.asarray(kernel, np.float64)
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)
    return np.einsum("ijpq,pq->ij", windows, kernel[::-1, ::-1])


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shapes", [((1, 1), (1, 1)), ((5, 6), (2, 3)), ((12, 300), (3, 3)), ((20, 20), (20, 1))],
                         ids=str)
def test_convolve2d(dtype, shapes):
    image, kernel = rand(shapes[0], dtype, 1), rand(shapes[1], dtype, 2)
    c = trueno.convolve2d(image, kernel)
    ref = convolve2d_ref(image, kernel)
    assert c.shape == ref.shape and c.dtype == dtype
    bound = convolve2d_ref(np.abs(image), np.abs(kernel)[::-1, ::-1][::-1, ::-1])
    assert np.all(np.abs(c - ref) <= kernel.size * np.finfo(dtype).eps * bound + np.finfo(dtype).tiny)
    out = np.empty(ref.shape, dtype)
    assert trueno.convolve2d(image, kernel, out=out) is out


def test_convolve2d_errors():
    with pytest.raises(ValueError, match=r"trueno.convolve2d: image has shape \(2, 2\) and kernel has shape \(3, 1\)"):
        trueno.convolve2d(np.ones((2, 2)), np.ones((3, 1)))
    with pytest.raises(ValueError, match="kernel must be non-empty"):
        trueno.convolve2d(np.ones((2, 2)), np.ones((0, 1)))
    with pytest.raises(ValueError, match="both must be 2-D"):
        trueno.convolve2d(np.ones(4), np.ones((1, 1)))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("n", [1, 2, 5, 64])
def test_symmetric_eigen(dtype, n):
    a = rand((n, n), np.float64, 3)
    a = ((a + a.T) / 2).astype(dtype)
    values, vectors = trueno.symmetric_eigen(a)
    assert values.dtype == vectors.dtype == dtype and values.shape == (n,) and vectors.shape == (n, n)
    assert np.all(np.diff(values) <= 0)  # descending
    ref = np.linalg.eigh(a.astype(np.float64))[0][::-1]
    tol = 1e-5 if dtype == np.float32 else 1e-12
    np.testing.assert_allclose(values, ref, atol=tol * n)
    v = vectors.astype(np.float64)
    np.testing.assert_allclose(v.T @ v, np.eye(n), atol=tol * n)
    np.testing.assert_allclose(v @ np.diag(values.astype(np.float64)) @ v.T, a, atol=tol * n)


def test_symmetric_eigen_errors():
    with pytest.raises(ValueError, match=r"trueno.symmetric_eigen: A must be square, but has shape \(2, 3\)"):
        trueno.symmetric_eigen(np.ones((2, 3)))
    with pytest.raises(ValueError, match="symmetric_eigen"):
        trueno.symmetric_eigen(np.array([[1.0, 2.0], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="symmetric_eigen"):
        trueno.symmetric_eigen(np.array([[np.nan, 0.0], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="symmetric_eigen"):
        trueno.symmetric_eigen(np.ones((0, 0)))
    with pytest.raises(ValueError, match="2-D"):
        trueno.symmetric_eigen(np.ones(3))
