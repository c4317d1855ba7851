"""Interpreter abuse: a child replaces sys.stderr with a StringIO, then divides by zero.

Plain python: the traceback goes into the StringIO, but the child still dies with exit code 1.
A good checker: an exception finding (ZeroDivisionError) for the child.

expect: exit 1 exception ZeroDivisionError
"""
import io
import multiprocessing
import sys


def work(lock):
    sys.stderr = io.StringIO()
    with lock:
        return 1 / 0


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,), name="hider")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
