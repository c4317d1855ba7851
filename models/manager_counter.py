"""Two processes add 1 to a counter in a Manager dict: a lost update.

Teaches: each call on a manager proxy is one atomic request to the manager's server, but
`d["count"] += 1` is two of them: read d["count"], then write d["count"] = old + 1.  If the
other process reads between them, both write the same value and one increment is lost, so the
final assert can fail.  The fix (argument `locked`): hold a manager Lock around the `+=`.

Expected mpsim verdicts (N = 1):
  (default) -> exception in MainProcess: AssertionError: lost update: expected 2, got 1
  locked    -> no problem
With plain python a single increment per process almost never collides; try N = 2000.

Usage: python manager_counter.py [locked] [N]   (N: increments per process, default 1)
"""
import multiprocessing
import sys

USAGE = "usage: python manager_counter.py [locked] [N]   (N: positive int, default 1)"


def add(d, lock, n):
    for _ in range(n):
        if lock is None:
            d["count"] += 1
        else:
            with lock:
                d["count"] += 1


if __name__ == "__main__":
    args = sys.argv[1:]
    locked = args[:1] == ["locked"]
    try:
        [n] = [int(a) for a in args[locked:]] or [1]
    except ValueError:
        sys.exit(USAGE)
    if n < 1:
        sys.exit(USAGE)
    with multiprocessing.Manager() as manager:
        d = manager.dict(count=0)
        lock = manager.Lock() if locked else None
        workers = [multiprocessing.Process(target=add, args=(d, lock, n)) for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert d["count"] == 2 * n, f"lost update: expected {2 * n}, got {d['count']}"
        print("count =", d["count"])
