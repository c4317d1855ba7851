"""Odd object: a __del__ that raises, in main and in a child.

Plain python: CPython prints "Exception ignored in: <function Grumpy.__del__ ...>" and goes on;
exit 0.  A good checker: clean (exit 0) - whenever the checker itself drops such objects, their
errors are not its own.

expect: exit 0 clean
"""
import multiprocessing


class Grumpy:
    def __del__(self):
        raise RuntimeError("I do not want to go")


def work(lock):
    g = Grumpy()
    with lock:
        print("child holds", type(g).__name__)
    del g


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    keep = Grumpy()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    with lock:
        print("main holds", type(keep).__name__)
    p.join()
    assert p.exitcode == 0
