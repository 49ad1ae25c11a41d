# test_backend.py: devices() and choosing the backend from Python: backends(), backend(), set_backend,
# reset_backend, the use_backend context manager, TRUENO_BACKEND, threads, and build_info().
import os
import subprocess
import sys
import threading

import numpy as np
import pytest

import trueno

KNOWN = ["scalar", "sse2", "avx2", "avx512", "neon"]


@pytest.fixture(autouse=True)
def restore_backend():
    yield
    trueno.reset_backend()


def test_backends():
    names = trueno.backends()
    assert names[0] == "scalar" and set(names) <= set(KNOWN)
    assert names == sorted(names, key=KNOWN.index)  # increasing preference
    assert trueno.backend() in names
    assert trueno.build_info()["best_backend"] == names[-1]


def test_devices():
    # NumPy arrays live on the CPU; the CUDA device joins the list when that backend is built.
    assert trueno.devices()[0] == "cpu"
    assert set(trueno.devices()) <= {"cpu", "cuda"}
    assert trueno.build_info()["devices"] == trueno.devices()


def test_set_and_reset():
    default = trueno.backend()
    for name in trueno.backends():
        trueno.set_backend(name)
        assert trueno.backend() == name
        assert trueno.add([1.0], [2.0])[0] == 3.0
    trueno.reset_backend()
    assert trueno.backend() == default


def test_unknown_and_unavailable_backends():
    default = trueno.backend()
    with pytest.raises(ValueError, match=r"trueno\.set_backend: unknown backend 'avx3'.*available here: scalar"):
        trueno.set_backend("avx3")
    with pytest.raises(ValueError, match="unknown backend"):
        trueno.use_backend("AVX2")  # case-sensitive
    missing = [n for n in KNOWN if n not in trueno.backends()]
    for name in missing:  # e.g. neon on x86, avx512 on an AVX2 machine
        with pytest.raises(RuntimeError):
            trueno.set_backend(name)
        with pytest.raises(RuntimeError):
            trueno.use_backend(name)
    assert trueno.backend() == default


def test_use_backend_nests_and_restores():
    outer = trueno.backend()
    with trueno.use_backend("scalar") as name:
        assert name == "scalar" and trueno.backend() == "scalar"
        with trueno.use_backend(outer):
            assert trueno.backend() == outer
        assert trueno.backend() == "scalar"
    assert trueno.backend() == outer


def test_use_backend_restores_on_exception_and_beats_set_backend():
    trueno.set_backend(trueno.backends()[-1])
    with pytest.raises(KeyError):
        with trueno.use_backend("scalar"):
            assert trueno.backend() == "scalar"
            raise KeyError("x")
    assert trueno.backend() == trueno.backends()[-1]


def test_use_backend_cannot_be_entered_twice():
    ctx = trueno.use_backend("scalar")
    with ctx:
        with pytest.raises(ValueError, match="already active"):
            ctx.__enter__()
    with ctx:  # reusable once exited
        assert trueno.backend() == "scalar"


def test_use_backend_is_per_thread():
    default = trueno.backend()
    seen = {}
    inside = threading.Event()
    done = threading.Event()

    def other():
        inside.wait()
        seen["other"] = trueno.backend()
        done.set()

    t = threading.Thread(target=other)
    t.start()
    with trueno.use_backend("scalar"):
        inside.set()
        done.wait()
        seen["main"] = trueno.backend()
    t.join()
    assert seen == {"main": "scalar", "other": default}


def run_python(code, **env):
    full_env = {**os.environ, **env}
    return subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True, timeout=60)


def test_trueno_backend_environment_variable():
    r = run_python("import trueno; print(trueno.backend())", TRUENO_BACKEND="scalar")
    assert r.returncode == 0 and r.stdout.strip() == "scalar", r.stderr
    r = run_python("import trueno\ntry:\n    trueno.sum([1.0])\nexcept RuntimeError as e:\n    print(e)",
                   TRUENO_BACKEND="bogus")
    assert r.returncode == 0 and "TRUENO_BACKEND=bogus: unknown backend" in r.stdout, r.stderr


def test_results_agree_across_backends():
    x = np.random.default_rng(0).uniform(-5, 5, 10007).astype(np.float32)
    results = {}
    for name in trueno.backends():
        with trueno.use_backend(name):
            results[name] = (trueno.sqrt(np.abs(x)), trueno.argmax(x), trueno.max(x))
    first = results["scalar"]
    for name, r in results.items():
        np.testing.assert_array_equal(r[0], first[0], err_msg=name)
        assert r[1:] == first[1:], name


def test_build_info():
    info = trueno.build_info()
    assert info["version"] == trueno.__version__
    assert info["build_type"] == trueno.__build_type__ != ""
    assert set(info["available_backends"]) == set(trueno.backends()) <= set(info["compiled_backends"])
    assert info["gil_release_min_elements"] > 0 and info["trueno_alloc_min_bytes"] > 0


def test_threads_do_not_change_results():
    x = np.random.default_rng(1).uniform(-1, 1, 3_000_001).astype(np.float32)
    assert trueno.num_threads() >= 1 and isinstance(trueno.parallel_enabled(), bool)
    default = trueno.num_threads()
    try:
        results = []
        for n in (1, 2, 3):
            trueno.set_num_threads(n)
            assert trueno.num_threads() == (n if trueno.parallel_enabled() else 1)
            results.append(
                (trueno.sum(x), trueno.dot(x, x), trueno.variance(x), trueno.argmax(x), trueno.sqrt(np.abs(x))))
        for r in results[1:]:  # bit-identical whatever the thread count
            assert r[:4] == results[0][:4]
            np.testing.assert_array_equal(r[4], results[0][4])
    finally:
        trueno.set_num_threads(0)
    assert trueno.num_threads() == default
    with pytest.raises(ValueError, match="n must be >= 0"):
        trueno.set_num_threads(-1)
