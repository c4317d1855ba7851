"""Process-level violence: a child starts an external program with os.posix_spawn and reaps it.

Plain python: `true` runs, waitpid returns status 0, the child exits 0.  A good checker says "not
modelled" naming os.posix_spawn (exit 2) - at the spawn, before any real process exists.

expect: exit 2 not-modelled os.posix_spawn
"""
import multiprocessing
import os


def work():
    pid = os.posix_spawn("/bin/true", ["true"], dict(os.environ))  # expect-line
    _, status = os.waitpid(pid, 0)
    assert status == 0


if __name__ == "__main__":
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
    assert p.exitcode == 0
