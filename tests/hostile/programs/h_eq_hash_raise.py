"""Odd object: a class whose __eq__ and __hash__ raise, held in local variables while processes
wait in operations, and sent through a queue.

Plain python never compares or hashes them: exit 0.  A good checker: clean (exit 0) - comparing
states must not call the model's __eq__/__hash__ (or must survive them).

expect: exit 0 clean
"""
import multiprocessing


class Touchy:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        raise RuntimeError("do not compare me")

    def __hash__(self):
        raise RuntimeError("do not hash me")


def work(q, lock):
    mine = Touchy(1)
    with lock:
        q.put(mine)
    with lock:
        pass


if __name__ == "__main__":
    q, lock = multiprocessing.Queue(), multiprocessing.Lock()
    held = Touchy(0)
    p = multiprocessing.Process(target=work, args=(q, lock), name="touchy")
    p.start()
    with lock:
        print("main holds", held.n)
    got = q.get()
    assert got.n == 1 and held.n == 0
    p.join()
