# test_memory.py: ownership and lifetime of results (freed exactly once, no leaks over 10^5
# calls, reference counts), and the GIL: released around long kernels, kept for short ones.
import gc
import os
import sys
import threading
import time

import numpy as np
import pytest

import trueno

LARGE = 300001  # float32: 1.2 MB, above the 1 MiB threshold of trueno's allocator
SMALL = 100


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


needs_proc = pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc (Linux)")


def growth(fn, calls, warmup=2000):
    """RSS growth over `calls` calls of fn, after a warm-up that fills every cache."""
    for _ in range(warmup):
        fn()
    gc.collect()
    before = rss_bytes()
    for _ in range(calls):
        fn()
    gc.collect()
    return rss_bytes() - before


def raises_value_error(fn):
    def call():
        try:
            fn()
        except ValueError:
            return
        raise AssertionError("expected ValueError")

    return call


x32 = np.linspace(-1, 1, SMALL, dtype=np.float32)
out32 = np.empty_like(x32)
LEAK_CASES = {
    "new array": lambda: trueno.add(x32, x32),
    "scalar": lambda: trueno.sum(x32),
    "index": lambda: trueno.argmax(x32),
    "out=": lambda: trueno.sqrt(x32, out=out32),
    "non-contiguous copy": lambda: trueno.mul(x32[::2], x32[1::2]),
    "list input": lambda: trueno.dot([1.0, 2.0], [3.0, 4.0]),
    "shape error": raises_value_error(lambda: trueno.add(x32, x32[:3])),
    "C++ error": raises_value_error(lambda: trueno.mean(x32[:0])),
    "dtype error": lambda: pytest.raises(TypeError, trueno.sqrt, x32.astype(np.float16)),
}


@needs_proc
@pytest.mark.parametrize("case", LEAK_CASES)
def test_no_leak_over_1e5_calls(case):
    # A leak of even 16 bytes per call would show as 1.6 MB.
    assert growth(LEAK_CASES[case], 100_000) < 1 << 20


@needs_proc
def test_no_leak_of_large_results():
    x = np.ones(LARGE, dtype=np.float32)
    assert growth(lambda: trueno.add(x, x), 200, warmup=20) < 16 << 20  # a leak: 240 MB


def test_small_results_are_owned_by_numpy():
    r = trueno.add(x32, x32)
    assert r.base is None and r.flags.owndata


def test_large_results_are_freed_exactly_once():
    trueno.release_cached_memory()
    x = np.ones(LARGE, dtype=np.float32)
    r = trueno.add(x, x)
    assert type(r.base).__name__ == "PyCapsule" and not r.flags.owndata
    view = r[10:20]
    empty = trueno.memory_cache_bytes()
    del r
    gc.collect()
    assert trueno.memory_cache_bytes() == empty  # the view keeps the buffer alive
    assert (view == 2).all()
    del view
    held = trueno.memory_cache_bytes() - empty
    assert held >= x.nbytes  # returned to trueno's cache when the last view died, once
    r2 = trueno.add(x, x)  # reuses that block
    assert trueno.memory_cache_bytes() == empty and (r2 == 2).all()
    del r2
    assert trueno.memory_cache_bytes() - empty == held


def test_reference_counts():
    x = np.ones(SMALL, dtype=np.float64)
    big = np.ones(LARGE, dtype=np.float64)
    out = np.empty_like(x)
    counts = [sys.getrefcount(a) for a in (x, big, out)]
    for _ in range(100):
        trueno.add(x, x)
        trueno.add(big, big)
        trueno.sum(x)
        trueno.sqrt(x, out=out)
        assert trueno.neg(x, out=x) is x
        pytest.raises(ValueError, trueno.add, x, out[:3])
        pytest.raises(ValueError, trueno.add, x, out, out=big)
        pytest.raises(TypeError, trueno.add, x, out, out=big.astype(np.float32))
    assert [sys.getrefcount(a) for a in (x, big, out)] == counts
    assert sys.getrefcount(trueno.add(x, x)) == sys.getrefcount(np.add(x, x))  # a temporary, like NumPy's
    r = trueno.add(big, big)
    base = r.base
    assert sys.getrefcount(r) == 2 and sys.getrefcount(base) == 3  # held by r, `base` and the call


def count_during(fn, tries=50):
    """How many times a polling thread ran while the main thread was inside fn.

    With a switch interval of 100 s the main thread only yields the GIL by releasing it, so
    the poller can only advance inside fn if fn releases the GIL: a deterministic check.
    """
    counter = [0]
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            time.sleep(0.0002)  # releases the GIL, and needs it back to loop
            counter[0] += 1

    old = sys.getswitchinterval()
    t = threading.Thread(target=poll)
    t.start()
    try:
        time.sleep(0.02)  # let the poller start (main releases the GIL here)
        sys.setswitchinterval(100.0)
        advanced = 0
        for _ in range(tries):
            c0 = counter[0]
            fn()
            advanced += counter[0] - c0
            if advanced:
                break
        return advanced
    finally:
        sys.setswitchinterval(old)
        stop.set()
        t.join()


def test_gil_released_for_long_kernels():
    x = np.ones(4_000_000, dtype=np.float32)
    assert count_during(lambda: trueno.add(x, x, out=x)) > 0
    assert count_during(lambda: trueno.sum(x)) > 0


def test_gil_kept_for_short_kernels():
    x = np.ones(1000, dtype=np.float32)

    def many():
        for _ in range(2000):
            trueno.add(x, x, out=x)
            trueno.sum(x)

    assert count_during(many, tries=3) == 0


def test_concurrent_calls_from_threads():
    rng = np.random.default_rng(0)
    arrays = [rng.uniform(-1, 1, 500_000).astype(np.float32) for _ in range(4)]
    errors = []

    def work(a):
        try:
            for _ in range(5):
                np.testing.assert_array_equal(trueno.add(a, a), a + a)
                assert trueno.argmax(a) == np.argmax(a)
        except Exception as e:  # noqa: BLE001: reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(a,)) for a in arrays]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
