# test_errors.py: argument checking of every array function: dtypes (no silent conversion),
# mixed dtypes, shapes (no broadcasting), out= validation; the messages name op and shapes.
import re

import numpy as np
import pytest

import trueno

F = ("float32", "float64")
FI = ("float32", "float64", "int32", "int64")

# The index of every op (trueno/op_list.hpp): name -> (family, array operands, ints, forms).
OPS = trueno._core._ops()
# Parameters the tests pass after the arrays.
EXTRA = {"scale": (2.0,), "clamp": (-1.0, 1.0), "clip": (-1.0, 1.0), "lerp": (0.5,), "pow": (2.0,),
         "leaky_relu": (0.1,), "elu": (1.0,), "celu": (1.0,)}
# name -> (number of array arguments, extra positional arguments, accepted dtypes, has out=)
FUNCTIONS = {name: (arrays, EXTRA.get(name, ()), FI if ints else F, forms != "number")
             for name, (family, arrays, ints, forms) in OPS.items() if family != "matrix"}
# Matrix ops: their operands have different shapes (test_matrix.py checks shapes, out= and
# dtypes of each); here: (arguments that work, accepted dtypes).
MATRIX_FUNCTIONS = {
    "matmul": lambda dt: (data(dt, (2, 3)), data(dt, (3, 2))),
    "transpose": lambda dt: (data(dt, (2, 3)),),
    "matvec": lambda dt: (data(dt, (2, 3)), data(dt, (3,))),
    "vecmat": lambda dt: (data(dt, (2,)), data(dt, (2, 3))),
    "convolve2d": lambda dt: (data(dt, (3, 3)), data(dt, (2, 2))),
    "symmetric_eigen": lambda dt: (np.eye(3, dtype=dt),),
}
NOT_ARRAY_FUNCTIONS = {"devices", "ulp_bounds", "backends", "backend", "set_backend", "reset_backend", "use_backend", "build_info",
                       "num_threads", "set_num_threads", "parallel_enabled", "memory_cache_limit",
                       "set_memory_cache_limit", "memory_cache_bytes", "release_cached_memory"}


def call(op, arrays, **kw):
    n, extra, _, _ = FUNCTIONS[op]
    return getattr(trueno, op)(*arrays[:n], *extra, **kw)


def data(dtype, shape=(2, 3)):
    return (np.arange(np.prod(shape)) % 5 + 1).reshape(shape).astype(dtype)


def test_every_public_function_is_in_a_list():
    # Every array function is in a list of op_list.hpp; the matrix ones have arguments here.
    assert set(trueno.__all__) == set(OPS) | NOT_ARRAY_FUNCTIONS
    assert {name for name, op in OPS.items() if op[0] == "matrix"} == set(MATRIX_FUNCTIONS)


@pytest.mark.parametrize("op", FUNCTIONS)
def test_accepted_dtypes_work(op):
    for dt in FUNCTIONS[op][2]:
        x = data(dt)
        call(op, [x, x + 1, x + 2])


@pytest.mark.parametrize("dtype", ["float16", "int8", "int16", "uint32", "uint64", "bool", "complex64", "longdouble",
                                   "int32", "int64", "object", "U3"])
@pytest.mark.parametrize("op", FUNCTIONS)
def test_other_dtypes_raise_type_error(op, dtype):
    accepted = FUNCTIONS[op][2]
    if dtype in accepted:
        return
    x = data(dtype) if dtype != "U3" else np.array([["a", "b", "c"]] * 2)
    with pytest.raises(TypeError, match=rf"trueno\.{op}: . has dtype .*accepted dtypes: {', '.join(accepted)}"):
        call(op, [x, x, x])


@pytest.mark.parametrize("op", FUNCTIONS)
def test_non_native_byte_order_is_rejected(op):
    x = data(">f4" if np.little_endian else "<f4")
    with pytest.raises(TypeError, match="non-native byte order"):
        call(op, [x, x, x])


@pytest.mark.parametrize("op", [op for op, spec in FUNCTIONS.items() if spec[0] > 1])
def test_mixed_dtypes_raise_type_error(op):
    a, b = data(np.float32), data(np.float64)
    for args in ([a, b, a], [a, a, b], [b, a, a]):
        if FUNCTIONS[op][0] == 2 and args[2] is not args[0] and args[1] is args[0]:
            continue  # the third array is not an argument
        with pytest.raises(TypeError, match=rf"trueno\.{op}: .*mixed dtypes are not converted"):
            call(op, args)


# The listed element-wise ops have NumPy's semantics (broadcasting, strides, scalars: test_nd.py).
ND = {name for name, op in OPS.items() if op[0] in ("elementwise", "math", "activation", "alias")} | {"fma", "lerp"}


@pytest.mark.parametrize("op", [op for op, spec in FUNCTIONS.items() if spec[0] > 1 and op not in ND])
def test_shapes_must_be_equal(op):
    a = data(np.float64, (2, 3))
    for b in (data(np.float64, (3, 2)), data(np.float64, (6,)), data(np.float64, (1, 3)), np.float64(1.0)):
        message = rf"trueno\.{op}: a has shape \(2, 3\) but b has shape .*broadcasting is not supported"
        with pytest.raises(ValueError, match=message):
            call(op, [a, b, a])


@pytest.mark.parametrize("op", sorted(op for op in ND if FUNCTIONS[op][0] >= 2))
def test_shapes_must_broadcast(op):
    a = data(np.float64, (2, 3))
    for b in (data(np.float64, (3, 2)), data(np.float64, (6,))):
        message = rf"trueno\.{op}: the shapes do not broadcast together: a \(2, 3\), b {re.escape(str(b.shape))}"
        with pytest.raises(ValueError, match=message):
            call(op, [a, b, a])


def test_shape_message_names_both_shapes():
    with pytest.raises(ValueError, match=r"do not broadcast together: a \(5,\), b \(4,\)"):
        trueno.add(np.zeros(5), np.zeros(4))


@pytest.mark.parametrize("op", [op for op, spec in FUNCTIONS.items() if spec[3]])
def test_out_validation(op):
    x = data(np.float32)
    cases = [
        ([0.0] * 6, TypeError, "out must be a numpy.ndarray"),
        (np.zeros((2, 3), np.float64), TypeError, "out has dtype float64 but the result is float32"),
        (np.zeros((3, 2), np.float32), ValueError, r"out has shape \(3, 2\) but the result has shape \(2, 3\)"),
    ]
    if op not in ND | {"softmax", "log_softmax"}:  # these write any strides (test_nd.py, test_axes.py)
        cases += [(np.zeros((2, 6), np.float32)[:, ::2], ValueError, "C-contiguous"),
                  (np.zeros((2, 3), np.float32, order="F"), ValueError, "C-contiguous")]
    readonly = np.zeros((2, 3), np.float32)
    readonly.flags.writeable = False
    cases.append((readonly, ValueError, "read-only"))
    for out, exc, message in cases:
        with pytest.raises(exc, match=rf"trueno\.{op}: .*{message}"):
            call(op, [x, x + 1, x + 2], out=out)


def test_invalid_scalar_arguments():
    x = data(np.float32)
    with pytest.raises(TypeError):
        trueno.scale(x, "2")
    with pytest.raises(ValueError, match="a bound is NaN"):
        trueno.clamp(x, float("nan"), 1.0)
    with pytest.raises(ValueError, match=r"lo \(2.000000\) is greater than hi"):
        trueno.clip(x, 2.0, 1.0)
    with pytest.raises(TypeError):
        trueno.variance(x, ddof=1.5)


def test_non_array_arguments():
    with pytest.raises(TypeError):
        trueno.sqrt(None)
    with pytest.raises(TypeError, match="dtype object"):
        trueno.sqrt([None, 1.0])
    with pytest.raises(TypeError, match="dtype <U1"):
        trueno.add("a", "b")
    with pytest.raises(ValueError):  # ragged: numpy.asarray itself refuses it
        trueno.sum([[1.0], [1.0, 2.0]])
    with pytest.raises(TypeError):  # a list of ints is int64: not accepted by float ops
        trueno.sqrt([1, 4])


@pytest.mark.parametrize("op", MATRIX_FUNCTIONS)
def test_matrix_dtypes(op):
    for dt in F:
        getattr(trueno, op)(*MATRIX_FUNCTIONS[op](dt))
    for dt in ("float16", "int32", "int64", "bool", "complex64", ">f4" if np.little_endian else "<f4"):
        args = [a.astype(dt) for a in MATRIX_FUNCTIONS[op]("float64")]
        with pytest.raises(TypeError, match=rf"trueno\.{op}: \w+ has dtype .*accepted dtypes: float32, float64"):
            getattr(trueno, op)(*args)
    args = MATRIX_FUNCTIONS[op]("float32")
    if len(args) == 2:
        with pytest.raises(TypeError, match=rf"trueno\.{op}: .*mixed dtypes are not converted"):
            getattr(trueno, op)(args[0], args[1].astype(np.float64))
