"""Control flow: a child ends with sys.exit("text").

CPython writes "text" to the child's stderr and gives exit code 1 (no traceback).  The parent
checks that.  Plain python: exit 0.  A good checker: clean (exit 0).

expect: exit 0 clean
"""
import multiprocessing
import sys


def work():
    sys.exit("giving up, with a message")


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="quitter")
    p.start()
    p.join()
    assert p.exitcode == 1, p.exitcode
