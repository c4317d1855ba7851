"""Process-level violence: the main process dereferences NULL (ctypes.string_at(0)) while holding
a lock.

Plain python dies of SIGSEGV.  mpsim runs every simulated process inside its own interpreter, so
native code that crashes must not be run there: a good checker stops with "not modelled" naming
ctypes (exit 2), or reports the crash as a finding (exit 1).  It must never die of the
segmentation fault itself.

expect: exit 2 not-modelled ctypes
expect: exit 1 finding
"""
import ctypes  # expect-line
import multiprocessing

if __name__ == "__main__":
    lock = multiprocessing.Lock()
    with lock:
        ctypes.string_at(0)  # expect-line
    print("never reached")
