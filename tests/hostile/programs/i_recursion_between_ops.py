"""Interpreter abuse: the main process recurses without end, with an operation at every level
(acquire and release a lock, then go one level deeper).

Plain python: RecursionError after about a thousand levels, exit 1.  Every level is a new local
state, so a good checker must follow the recursion to its end: an exception finding
(RecursionError), not an exhausted budget and never a crash of its own.

expect: exit 1 exception RecursionError
"""
import multiprocessing


def down(lock, n):
    lock.acquire()
    lock.release()
    return down(lock, n + 1)


if __name__ == "__main__":
    down(multiprocessing.Lock(), 0)
