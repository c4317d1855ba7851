"""Two processes count words into a Manager dict with `d[k] += 1` (get then set: not atomic).

Real CPython: with the jitter, updates are lost in every run: recorded "hits: 5" to "hits: 8"
(never 10 in 40 runs); exit 0, no exception.

mpsim claim tested: the manager dict's get-then-set is a race finding (a lost update), which the
real runs' varying totals confirm; the outcomes list the totals.
"""
# family: races without asserts
import multiprocessing


def count(d, n):
    for _ in range(n):
        d["hits"] += 1


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        d = manager.dict(hits=0)
        procs = [multiprocessing.Process(target=count, args=(d, 5)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print(f"hits: {d['hits']}")
