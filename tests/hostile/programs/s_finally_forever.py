"""Control flow that swallows: a child gets an item and then loops for ever in a `finally:`.

    try:
        q.get()
    finally:
        while True:
            pass

Plain python: the child never ends, main waits in join() for ever.  A good checker: a
non-termination finding (exit 1), or - since the loop never reaches an operation - a search cut
short by --time-limit (exit 3) within a second of the limit.  Never a hang past the limit.

expect: exit 1 nontermination
expect: exit 3 budget
"""
import multiprocessing


def worker(q):
    try:
        q.get()
    finally:
        while True:
            pass


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q,), name="spinner")
    p.start()
    q.put("go")
    p.join()
