# test_interop.py: what trueno does with arrays that are not plain NumPy arrays, and with
# pickling. Duck arrays are never converted silently (a Dask collection would be computed in
# full, a masked array would lose its mask, an __array_function__ type would lose its type):
# they are a TypeError naming the op, the argument and the type. Every public function pickles
# by name and works after unpickling in another process (multiprocessing, joblib, Dask workers).
import multiprocessing
import pickle

import numpy as np
import pytest

import trueno


class LazyCollection:
    """Stands in for a Dask array: __dask_graph__, and an __array__ that would compute it."""

    computed = False

    def __dask_graph__(self):
        return {}

    def __array__(self, dtype=None, copy=None):
        LazyCollection.computed = True
        return np.ones(3, dtype=np.float64)


class FunctionOverrider:
    """Stands in for CuPy / xarray / pint: overrides NumPy's functions."""

    def __array_function__(self, func, types, args, kwargs):
        return NotImplemented

    def __array__(self, dtype=None, copy=None):
        return np.ones(3, dtype=np.float64)


@pytest.mark.parametrize("call", [lambda v: trueno.exp(v), lambda v: trueno.add(np.ones(3), v),
                                  lambda v: trueno.sum(v), lambda v: trueno.softmax(v),
                                  lambda v: trueno.matmul(v, np.ones((3, 3)))])
def test_dask_like_is_never_computed(call):
    LazyCollection.computed = False
    with pytest.raises(TypeError, match=r"LazyCollection; trueno does not compute a Dask collection"):
        call(LazyCollection())
    assert not LazyCollection.computed


def test_array_function_overriders_are_not_converted():
    with pytest.raises(TypeError, match=r"trueno\.add: b is a .*FunctionOverrider; it overrides NumPy's functions"):
        trueno.add(np.ones(3), FunctionOverrider())
    with pytest.raises(TypeError, match=r"trueno\.layer_norm: gamma is a"):
        trueno.layer_norm(np.ones((2, 3)), gamma=FunctionOverrider())


def test_masked_arrays_keep_their_mask_by_refusing():
    m = np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0])
    with pytest.raises(TypeError, match=r"trueno\.exp: x is a numpy\.ma\.MaskedArray; trueno ignores masks"):
        trueno.exp(m)
    with pytest.raises(TypeError, match=r"out is a numpy\.ma\.MaskedArray"):
        trueno.exp(np.ones(3), out=np.ma.masked_array(np.zeros(3)))
    np.testing.assert_allclose(trueno.exp(m.filled(0.0)), np.exp(m.filled(0.0)))  # the explicit way


def test_plain_subclasses_and_sequences_still_work(tmp_path):
    mm = np.memmap(tmp_path / "x.bin", dtype=np.float32, mode="w+", shape=(5,))
    mm[:] = np.arange(5, dtype=np.float32)
    np.testing.assert_allclose(trueno.exp(mm), np.exp(np.arange(5, dtype=np.float32)), rtol=1e-6)
    assert trueno.sum([1.0, 2.0]) == 3.0
    assert trueno.exp(np.float32(0.0)) == 1.0


PUBLIC = sorted(n for n in trueno.__all__ if type(getattr(trueno, n)).__name__ == "nb_func")


@pytest.mark.parametrize("name", PUBLIC)
def test_every_function_pickles_by_name(name):
    f = getattr(trueno, name)
    assert pickle.loads(pickle.dumps(f)) is f


def _apply(f, x):
    return f(x)


def test_pickled_functions_run_in_another_process():
    x = np.linspace(-3, 3, 1001)
    ctx = multiprocessing.get_context("spawn")  # a fresh interpreter: the function travels by name
    with ctx.Pool(1) as pool:
        for f in (trueno.exp, trueno.softmax, trueno.sum):
            np.testing.assert_array_equal(pool.apply(_apply, (f, x)), f(x))


def test_other_extension_functions_are_not_claimed():
    class NotTrueno:
        __module__ = "elsewhere"
        __name__ = "exp"

    with pytest.raises(TypeError, match="cannot pickle"):
        trueno._reduce_function(NotTrueno())


class DLPackOnly:
    """A DLPack producer without __array__ (as a PyTorch CPU tensor or a JAX array look to
    trueno): its memory is an array's, on `device`."""

    def __init__(self, a, device=(1, 0)):
        self.a, self.device = a, device

    def __dlpack__(self, **kwargs):
        return self.a.__dlpack__(**kwargs)

    def __dlpack_device__(self):
        return self.device


def test_dlpack_producers_on_the_cpu_are_read_in_place():
    import tracemalloc

    x = np.arange(200_000, dtype=np.float32).reshape(400, 500)
    np.testing.assert_array_equal(trueno.add(DLPackOnly(x), 1.0), x + np.float32(1))
    np.testing.assert_array_equal(trueno.sum(DLPackOnly(x), axis=0), x.sum(axis=0, dtype=np.float64).astype(np.float32))
    trueno.exp(DLPackOnly(x))  # warm-up
    tracemalloc.start()
    r = trueno.exp(DLPackOnly(x))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < r.nbytes + 64 * 1024  # the result only: the input was not copied
    assert hasattr(r, "__dlpack__")  # results export DLPack through NumPy


def test_dlpack_producers_on_a_device_are_refused():
    with pytest.raises(TypeError, match=r"x is on a device \(DLPack device \(2, 0\)\)"):
        trueno.exp(DLPackOnly(np.ones(3), device=(2, 0)))
