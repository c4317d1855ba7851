"""Interpreter abuse: the main process replaces sys.stdout with open(os.devnull, "w").

Plain python prints nothing from main and exits 0.  A good checker: clean (exit 0), with its own
report still on its real stdout.

expect: exit 0 clean
"""
import multiprocessing
import os
import sys


def work(lock):
    with lock:
        print("child output")


if __name__ == "__main__":
    sys.stdout = open(os.devnull, "w")
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    with lock:
        print("main output, into /dev/null")
    p.join()
