"""Odd object: a queue item whose __repr__ raises, on the path to a deadlock.

The child puts a Weird() into a queue and then takes lock_b then lock_a, while main takes lock_a
then lock_b and gets the item: some runs deadlock (ABBA).  A checker that shows values in its
trace calls repr() on the item.  Plain python: sometimes hangs.  A good checker: a deadlock
finding (exit 1) - showing the value some other way when its __repr__ fails.

expect: exit 1 deadlock
"""
import multiprocessing


class Weird:
    def __repr__(self):
        raise RuntimeError("no repr for you")


def work(q, a, b):
    q.put(Weird())
    with b:
        with a:
            pass


if __name__ == "__main__":
    q, a, b = multiprocessing.Queue(), multiprocessing.Lock(), multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(q, a, b), name="weird-sender")
    p.start()
    item = q.get()
    with a:
        with b:
            pass
    p.join()
