"""Interpreter abuse: gc.disable() in main and child, and reference cycles created in a loop with
an operation in every iteration.

Plain python exits 0 (the cycles are simply not collected; 200 small ones).  A good checker:
clean (exit 0) - the model's gc.disable() must not make the checker itself run out of memory.

expect: exit 0 clean
"""
import gc
import multiprocessing


class Node:
    def __init__(self):
        self.me = self


def work(lock):
    gc.disable()
    for i in range(100):
        with lock:
            Node()


if __name__ == "__main__":
    gc.disable()
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    for i in range(100):
        with lock:
            Node()
    p.join()
    assert p.exitcode == 0
