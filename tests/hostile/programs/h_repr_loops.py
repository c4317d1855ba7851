"""Odd object: a queue item whose __repr__ never returns (`while True: pass`), on the path to a
deadlock.

As in h_repr_raises.py, some runs deadlock (ABBA) after the item went through the queue.  A
checker that calls repr() on values for its trace would hang there.  Plain python: sometimes
hangs (never calls the repr).  A good checker: a deadlock finding (exit 1), within the time limit.

expect: exit 1 deadlock
"""
import multiprocessing


class Endless:
    def __repr__(self):
        while True:
            pass


def work(q, a, b):
    q.put(Endless())
    with b:
        with a:
            pass


if __name__ == "__main__":
    q, a, b = multiprocessing.Queue(), multiprocessing.Lock(), multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(q, a, b), name="endless-sender")
    p.start()
    item = q.get()
    with a:
        with b:
            pass
    p.join()
