# test_docs.py: the user-facing function tables (README.md's "What is in it", docs/python.md's
# table) name every public function, so an op added to trueno/op_list.hpp cannot stay
# undocumented.
import pathlib
import re

import trueno

ROOT = pathlib.Path(__file__).resolve().parents[2]


def words(path):
    return set(re.findall(r"[a-z_][a-z0-9_]*", path.read_text()))


def public_functions():
    return {n for n in trueno.__all__ if callable(getattr(trueno, n)) and not isinstance(getattr(trueno, n), type)}


def test_python_md_names_every_function():
    missing = public_functions() - words(ROOT / "docs" / "python.md")
    assert not missing, f"docs/python.md does not mention: {sorted(missing)}"


def test_readme_names_every_op():
    # README lists operations (not configuration); every op of the lists must be there.
    ops = {n for n in public_functions() if trueno.__dict__[n].__doc__ and "\n\nInputs:" in trueno.__dict__[n].__doc__}
    assert len(ops) > 50
    missing = ops - words(ROOT / "README.md")
    assert not missing, f"README.md's table does not mention: {sorted(missing)}"
