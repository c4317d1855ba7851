"""Control flow that swallows: a worker loop with a bare `except:` around q.get().

    while True:
        try:
            item = q.get()
        except:
            continue

Plain python: main puts 3 items and a None; the worker sums them and stops; exit 0.  A good
checker: clean (exit 0).  Whatever the checker throws into a simulated process to abandon it (a
greenlet exit, an "unwind" exception) is swallowed by this loop and must not make the checker
spin or hang.

expect: exit 0 clean
"""
import multiprocessing


def worker(q, results):
    total = 0
    while True:
        try:
            item = q.get()
        except:  # noqa: E722 - the point of this program
            continue
        if item is None:
            break
        total += item
    results.put(total)


if __name__ == "__main__":
    q, results = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q, results), name="worker")
    p.start()
    for i in (1, 2, 3):
        q.put(i)
    q.put(None)
    assert results.get() == 6
    p.join()
