"""Process-level violence: a child replaces itself with another program, os.execv("/bin/true").

Plain python: the child becomes `true` and exits 0; the parent's assertion holds.  A good checker
says "not modelled" naming os.execv (exit 2); mpsim must never be replaced by /bin/true.

expect: exit 2 not-modelled os.execv
"""
import multiprocessing
import os


def work():
    os.execv("/bin/true", ["true"])  # expect-line


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="exec-er")
    p.start()
    p.join()
    assert p.exitcode == 0, p.exitcode
