"""Pickling error: a child puts a lambda into a Queue; main waits for it.

Plain python: put() returns, the feeder thread fails to pickle the lambda ("PicklingError: Can't
pickle <function <lambda>>", printed by the thread), the item is lost, and main waits in get() for
ever - a deadlock.  A good checker: a deadlock finding (exit 1), or an exception finding that
names the pickling error (exit 1; mpsim documents that it pickles at put()).

expect: exit 1 deadlock
expect: exit 1 exception pickle
"""
import multiprocessing


def work(q):
    q.put(lambda: 42)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=work, args=(q,), name="producer")
    p.start()
    f = q.get()
    p.join()
    print(f())
