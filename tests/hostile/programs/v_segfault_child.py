"""Process-level violence: a child dereferences NULL (ctypes.string_at(0)); the parent expects it.

Plain python: the child dies of SIGSEGV, p.exitcode == -11, the parent's assertion holds and the
program exits 0.  A good checker stops with "not modelled" naming ctypes (exit 2), or simulates
the crash faithfully (exit code -11: clean, exit 0, or the crash as a finding, exit 1).  It must
never die of the segmentation fault itself.

expect: exit 2 not-modelled ctypes
expect: exit 0 clean
expect: exit 1 finding
"""
import ctypes  # expect-line
import multiprocessing


def crash():
    ctypes.string_at(0)  # expect-line


if __name__ == "__main__":
    p = multiprocessing.Process(target=crash, name="crasher")
    p.start()
    p.join()
    assert p.exitcode == -11, p.exitcode
    print("the child crashed as expected")
