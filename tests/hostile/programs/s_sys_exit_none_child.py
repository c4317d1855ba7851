"""Control flow: a child ends with sys.exit(None).

CPython gives exit code 0.  The parent checks that.  Plain python: exit 0.  A good checker: clean
(exit 0).

expect: exit 0 clean
"""
import multiprocessing
import sys


def work():
    sys.exit(None)


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="quitter")
    p.start()
    p.join()
    assert p.exitcode == 0, p.exitcode
