"""Control flow: a child ends with sys.exit(-1).

The operating system reports -1 & 0xFF == 255, and that is what p.exitcode says (a negative
exitcode means "killed by a signal", which did not happen).  The parent checks that.  Plain
python: exit 0.  A good checker: clean (exit 0).

expect: exit 0 clean
"""
import multiprocessing
import sys


def work():
    sys.exit(-1)


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="quitter")
    p.start()
    p.join()
    assert p.exitcode == 255, p.exitcode
