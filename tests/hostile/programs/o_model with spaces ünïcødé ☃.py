"""Odd but legal: the model's file name has spaces, non-ASCII letters and a snowman.

The program is the ABBA deadlock.  A good checker: a deadlock finding (exit 1), its report (and
replay command) naming the file correctly.

expect: exit 1 deadlock
"""
import multiprocessing


def worker(first, second):
    with first:
        with second:
            pass


if __name__ == "__main__":
    a, b = multiprocessing.Lock(), multiprocessing.Lock()
    p1 = multiprocessing.Process(target=worker, args=(a, b), name="ab")
    p2 = multiprocessing.Process(target=worker, args=(b, a), name="ba")
    p1.start()
    p2.start()
    p1.join()
    p2.join()
