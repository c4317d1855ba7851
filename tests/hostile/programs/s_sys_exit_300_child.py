"""Control flow: a child ends with sys.exit(300).

An exit status has 8 bits: the operating system reports 300 & 0xFF == 44, and that is what
p.exitcode says (fork and spawn alike).  The parent checks that.  Plain python: exit 0.  A good
checker: clean (exit 0) - not an AssertionError because it kept 300.

expect: exit 0 clean
"""
import multiprocessing
import sys


def work():
    sys.exit(300)


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="quitter")
    p.start()
    p.join()
    assert p.exitcode == 44, p.exitcode
