"""Process-level violence: the main process calls os.abort() while holding a lock.

Plain python dies of SIGABRT (and may dump core).  A good checker says "not modelled" naming
os.abort (exit 2) or reports the aborted process as a finding (exit 1); it must never abort itself.

expect: exit 2 not-modelled os.abort
expect: exit 1 finding
"""
import multiprocessing
import os

if __name__ == "__main__":
    lock = multiprocessing.Lock()
    with lock:
        os.abort()  # expect-line
