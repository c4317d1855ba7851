"""Process-level violence: a multiprocessing child calls os.fork() by hand (bounded: one fork).

Plain python: the grandchild leaves with os._exit(0), the child reaps it with os.waitpid and exits
0.  A good checker says "not modelled" naming os.fork (exit 2) - a real fork inside mpsim would
copy the whole checker.

expect: exit 2 not-modelled os.fork
"""
import multiprocessing
import os


def work():
    pid = os.fork()  # expect-line
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)


if __name__ == "__main__":
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
    assert p.exitcode == 0
