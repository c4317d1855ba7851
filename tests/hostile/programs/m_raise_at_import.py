"""Malformed input: the program raises while being imported (top level, before the main guard).

Plain python dies at once with ZeroDivisionError (exit 1).  A good checker reports what the user's
code did in the user's terms: an exception finding (ZeroDivisionError) in the main process.

expect: exit 1 exception ZeroDivisionError
"""
import multiprocessing

RATIO = 1 / 0


def work(lock):
    with lock:
        pass


if __name__ == "__main__":
    multiprocessing.Process(target=work, args=(multiprocessing.Lock(),)).start()
