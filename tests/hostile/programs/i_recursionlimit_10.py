"""Interpreter abuse: the main process sets sys.setrecursionlimit(10) after starting its child.

Plain python (fork or spawn): main is at depth 1, join() and the lock need only a few frames;
exit 0.  A good checker: clean (exit 0) - the model's recursion limit must not starve the
checker's own (deeper) stack.

expect: exit 0 clean
"""
import multiprocessing
import sys


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    sys.setrecursionlimit(10)
    p.join()
    with lock:
        print("main")
