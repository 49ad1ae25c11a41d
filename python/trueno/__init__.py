# trueno/__init__.py: the Python package: re-exports the compiled module trueno._core.
"""trueno: fast vector operations on NumPy arrays, on the best instruction set of the CPU.

Every function takes NumPy arrays (or anything numpy.asarray accepts) and returns NumPy
arrays or scalars. float32 stays float32 and float64 stays float64; int32/int64 are accepted
by sum, mean, min, max, argmin, argmax and dot; any other dtype raises TypeError (nothing is
converted silently). Operands of one call must have the same dtype and shape (no
broadcasting: ValueError). C-contiguous arrays are read without copying; others are copied
first. Element-wise ops accept out= (may be an input). Reductions reduce the whole array.
Errors: ValueError (shapes, empty input, invalid arguments), OverflowError (integer
sum/dot), RuntimeError (a backend this CPU cannot run). See docs/python.md.
"""

from . import _core
from ._core import *  # noqa: F401,F403
from ._core import __build_type__, __version__  # noqa: F401

__all__ = [name for name in dir(_core) if not name.startswith("_")]
