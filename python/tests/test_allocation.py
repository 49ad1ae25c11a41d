# test_allocation.py: the Python half of the allocation audit (issue 7): every array function
# of the module, called on arrays of ~800 KB, allocates (as NumPy reports to tracemalloc) only
# its result, not a second array. Results below 1 MiB come from NumPy's allocator, so they are
# traced; a hidden temporary or copy of the same size would double the traced peak. Every
# public function must be listed (introspected): a new function fails here until it is.
import tracemalloc

import numpy as np
import pytest

import trueno
from test_errors import FUNCTIONS, MATRIX_FUNCTIONS, NOT_ARRAY_FUNCTIONS

N = 100_000  # float64: 800 KB, below the 1 MiB threshold of trueno's allocator
SLACK = 16 * 1024  # Python objects of the call (array headers, tuples)


def arrays_for(op):
    rng = np.random.default_rng(0)
    if op in MATRIX_FUNCTIONS:
        s = {"matmul": [(300, 300), (300, 300)], "transpose": [(300, 300)], "matvec": [(300, 300), (300,)],
             "vecmat": [(300,), (300, 300)], "convolve2d": [(300, 300), (3, 3)],
             "symmetric_eigen": [(120, 120)]}[op]
        args = [rng.uniform(0.5, 1.5, shape) for shape in s]
        if op == "symmetric_eigen":
            args = [args[0] + args[0].T]
        return args, ()
    n_arrays, extra, _, _ = FUNCTIONS[op]
    shape = (100, 1000) if op in ("softmax", "log_softmax", "layer_norm", "rms_norm") else (N,)
    return [rng.uniform(0.1, 0.9, shape) for _ in range(n_arrays)], extra


def result_bytes(r):
    if isinstance(r, tuple):
        return sum(result_bytes(x) for x in r)
    return r.nbytes if isinstance(r, np.ndarray) else 0


ARRAY_FUNCTIONS = sorted(set(trueno.__all__) - NOT_ARRAY_FUNCTIONS)


def test_every_array_function_is_audited():
    assert set(ARRAY_FUNCTIONS) == set(FUNCTIONS) | set(MATRIX_FUNCTIONS)


def traced_call(fn, args, extra):
    """fn(*args, *extra) after one warm-up call (one-time set-up is not a per-call allocation);
    returns the result and the peak of memory traced during the measured call."""
    fn(*args, *extra)
    tracemalloc.start()
    try:
        r = fn(*args, *extra)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return r, peak


@pytest.mark.parametrize("op", ARRAY_FUNCTIONS)
def test_call_allocates_only_its_result(op):
    args, extra = arrays_for(op)
    r, peak = traced_call(getattr(trueno, op), args, extra)
    expected = result_bytes(r)
    assert peak <= expected + SLACK, f"{op}: traced peak {peak} bytes for a result of {expected}"
    if expected:
        assert peak >= expected, f"{op}: tracemalloc did not see the result ({peak} < {expected})"
    input_bytes = sum(a.nbytes for a in args)
    assert input_bytes >= 8 * 1000  # the arrays are large enough for a copy to show


def strided(args):
    return [np.asfortranarray(a) if a.ndim == 2 else a[::-1] for a in args]


@pytest.mark.parametrize("op", ["scale", "layer_norm", "transpose"])
def test_a_copy_would_be_seen(op):
    """The audit can fail: a non-contiguous input of these ops is copied (documented), and the
    copy shows."""
    args, extra = arrays_for(op)
    r, peak = traced_call(getattr(trueno, op), strided(args), extra)
    assert peak >= result_bytes(r) + args[0].nbytes


@pytest.mark.parametrize("op", sorted(trueno._core._ops()))
def test_listed_ops_read_strided_inputs_in_place(op):
    """The listed element-wise ops read reversed and Fortran-ordered inputs without a copy."""
    if trueno._core._ops()[op][0] not in ("elementwise", "math", "activation", "alias"):
        return
    args, extra = arrays_for(op)
    r, peak = traced_call(getattr(trueno, op), strided(args), extra)
    assert peak <= result_bytes(r) + SLACK, f"{op}: traced peak {peak} bytes for a result of {result_bytes(r)}"
