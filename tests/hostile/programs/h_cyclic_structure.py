"""Odd value: self-referencing structures (a list that contains itself, a dict that contains
itself, two objects pointing at each other) held in locals while processes wait.

Plain python: exit 0.  A good checker: clean (exit 0) - its view of process memory must handle
cycles.

expect: exit 0 clean
"""
import multiprocessing


class Node:
    def __init__(self):
        self.other = None


def work(lock):
    a = []
    a.append(a)
    d = {}
    d["self"] = d
    x, y = Node(), Node()
    x.other, y.other = y, x
    for _ in range(3):
        with lock:
            a.append(len(a))


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    with lock:
        print("main")
    p.join()
    assert p.exitcode == 0
