"""Lost update on a shared Value.

Teaches: `v.value += 1` is not atomic.  It is a read of v.value followed
by a write of v.value (each separately locked), so another process can
update v in between and one of the increments is lost.  Holding
v.get_lock() around the whole `+=` makes it correct.

Two workers each add 1 to a shared counter n times; main checks the total.
  racy   (default): v.value += 1
  locked:           with v.get_lock(): v.value += 1

Expected mpsim verdicts:
  racy   -> exception in main:
            AssertionError: lost update: expected 2, got 1   (for n = 1)
  locked -> clean: no deadlock, no exception, terminates

Usage: python counter.py [racy|locked] [n]      (n: increments per worker, default 1)
"""
import multiprocessing
import sys

USAGE = "usage: python counter.py [racy|locked] [n]   (n: non-negative int, default 1)"

NWORKERS = 2


def worker(v, n, locked):
    for _ in range(n):
        if locked:
            with v.get_lock():
                v.value += 1
        else:
            v.value += 1  # read, then write: not atomic


def parse_args(args):
    """Return (locked, n), or None if the arguments are bad."""
    mode = None
    n = None
    for arg in args:
        if arg in ("racy", "locked"):
            if mode is not None:
                return None
            mode = arg
        else:
            if n is not None:
                return None
            try:
                n = int(arg)
            except ValueError:
                return None
            if n < 0:
                return None
    return mode == "locked", (1 if n is None else n)


if __name__ == "__main__":
    parsed = parse_args(sys.argv[1:])
    if parsed is None:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    locked, n = parsed

    v = multiprocessing.Value('i', 0)
    workers = [multiprocessing.Process(target=worker, args=(v, n, locked), name=f"worker-{i}")
               for i in range(NWORKERS)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()

    expected = NWORKERS * n
    assert v.value == expected, f"lost update: expected {expected}, got {v.value}"
    print(f"counter = {v.value}, as expected")
