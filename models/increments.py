"""P processes add 1 to a shared Value, N times each, and main prints the total.

Teaches: `total.value += 1` is not atomic.  It reads total.value and then
writes it back, and another process can write in between: its increment is
lost, and the total printed at the end is less than P * N.  Holding
total.get_lock() around the whole `+=` makes each increment one step, and the
total is always P * N.

  unlocked: total.value += 1
  locked:   with total.get_lock(): total.value += 1

There is no assert: the program only prints what it got, as a learner's first
version would.  A lost update is a wrong total, not a crash.

Expected mpsim verdicts:
  locked   -> clean: no deadlock, no exception, terminates
  unlocked -> no deadlock, no exception, terminates, but the printed total
              differs from run to run (a lost update)

Usage: python increments.py [P N locked|unlocked]   (default: 2 10 unlocked)
  P  number of processes (>= 1)
  N  increments per process (>= 0)
"""
import multiprocessing
import sys

USAGE = "usage: python increments.py [P N locked|unlocked]   (P >= 1, N >= 0; default 2 10 unlocked)"


def add(total, n, locked):
    """Add 1 to total, n times."""
    for _ in range(n):
        if locked:
            with total.get_lock():
                total.value += 1
        else:
            total.value += 1  # a read, then a write: not atomic


def parse_args(args):
    """Return (processes, increments, locked), or None if the arguments are bad."""
    if not args:
        return 2, 10, False
    if len(args) != 3 or args[2] not in ("locked", "unlocked"):
        return None
    try:
        processes, increments = int(args[0]), int(args[1])
    except ValueError:
        return None
    if processes < 1 or increments < 0:
        return None
    return processes, increments, args[2] == "locked"


if __name__ == "__main__":
    parsed = parse_args(sys.argv[1:])
    if parsed is None:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    processes, increments, locked = parsed

    total = multiprocessing.Value('i', 0)
    workers = [multiprocessing.Process(target=add, args=(total, increments, locked))
               for _ in range(processes)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    print(f"total = {total.value} (expected {processes * increments})")
