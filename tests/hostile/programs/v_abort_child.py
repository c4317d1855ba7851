"""Process-level violence: a child calls os.abort(); the parent expects exit code -6.

Plain python: the child dies of SIGABRT, p.exitcode == -6, exit 0.  A good checker models it
(clean, exit 0, or the abort as a finding, exit 1) or says "not modelled" naming os.abort (exit 2);
it must never abort itself.

expect: exit 2 not-modelled os.abort
expect: exit 0 clean
expect: exit 1 finding
"""
import multiprocessing
import os
import signal


def work():
    os.abort()  # expect-line


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="aborter")
    p.start()
    p.join()
    assert p.exitcode == -signal.SIGABRT, p.exitcode
