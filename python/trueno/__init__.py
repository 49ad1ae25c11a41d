# trueno/__init__.py: the Python package: re-exports the compiled module trueno._core.
"""trueno: fast vector operations on NumPy arrays, on the best instruction set of the CPU.

Every function takes NumPy arrays (or Python scalars and sequences) and returns NumPy arrays or
scalars. Objects that must not be converted silently are a TypeError naming their type: Dask
collections (they would be computed), types overriding NumPy's functions (__array_function__ /
__array_ufunc__: CuPy, xarray, pint), and masked arrays (the mask would be dropped). Functions
pickle by name (multiprocessing, joblib, Dask workers). float32 stays float32 and float64
stays float64; int32/int64 are accepted by sum, mean, min, max, argmin, argmax and dot; any
other dtype, and mixed dtypes, raise TypeError (nothing is converted silently). The plain
element-wise ops follow NumPy: broadcasting, Python scalars taking the arrays' dtype (NEP 50),
strided inputs and out= read and written in place. Reductions take axis=, keepdims=, dtype=
(float64 accumulation) and out=; softmax takes axis=. Errors: ValueError (shapes, empty
input, invalid arguments), OverflowError (integer sum/dot), RuntimeError (a backend this CPU
cannot run). See docs/python.md.
"""

import copyreg as _copyreg

from . import _core
from ._core import *  # noqa: F401,F403
from ._core import __build_type__, __version__  # noqa: F401

__all__ = [name for name in dir(_core) if not name.startswith("_")]


def _function(name):
    """Unpickles a trueno function: looked up by name in the process that loads it."""
    return getattr(_core, name)


# Compiled functions have no pickle support of their own (TypeError: cannot pickle
# nanobind.nb_func), which multiprocessing, joblib and Dask's distributed scheduler need: pickle
# trueno's by reference to their name. The type is shared with every other nanobind module, so
# their functions keep whatever reducer they had.
_nb_func = type(_core.exp)
_previous_reducer = _copyreg.dispatch_table.get(_nb_func)


def _reduce_function(f):
    if getattr(f, "__module__", None) == _core.__name__ and getattr(_core, f.__name__, None) is f:
        return _function, (f.__name__,)
    if _previous_reducer is not None:
        return _previous_reducer(f)
    raise TypeError(f"cannot pickle {f!r}")


_copyreg.pickle(_nb_func, _reduce_function)
