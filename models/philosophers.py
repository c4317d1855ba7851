"""Dining philosophers with one Lock per fork.

Teaches: circular wait.  N philosophers sit at a round table with one
fork between neighbours.  Philosopher i uses fork i and fork (i+1) % N.
- naive:   everyone picks up fork i first, then fork (i+1) % N.  If all
           of them hold their first fork, nobody gets a second one.
- ordered: everyone picks up the lower-numbered fork first (a global lock
           order), which breaks the cycle.

A meal is exactly four lock operations (acquire, acquire, release,
release) with nothing else in the loop, so state counts can be compared
with other model checkers (e.g. SPIN) at 4 steps per meal.  For the same
reason the philosophers print nothing.

Expected mpsim verdicts:
  naive, meals      -> deadlock (every philosopher holds its first fork
                       and is blocked in second.acquire(); main in join())
  naive, forever    -> deadlock, and also never terminates
  ordered, meals    -> clean: no deadlock, no exception, terminates
  ordered, forever  -> never terminates (and nothing else)

Usage: python philosophers.py [N] [naive|ordered] [MEALS|forever]
  N      number of philosophers (>= 2, default 5)
  MEALS  meals per philosopher (>= 0, default 1), or "forever"
(The two numbers are read in that order: first N, then MEALS.)
"""
import multiprocessing
import sys

USAGE = "usage: python philosophers.py [N] [naive|ordered] [MEALS|forever]"


def philosopher(i, forks, ordered, meals):
    """Philosopher i eats `meals` times, or forever if meals is None."""
    n = len(forks)
    left, right = i, (i + 1) % n
    if ordered:
        left, right = min(left, right), max(left, right)
    first = forks[left]
    second = forks[right]

    if meals is None:
        while True:
            first.acquire()
            second.acquire()
            second.release()
            first.release()
    else:
        for _ in range(meals):
            first.acquire()
            second.acquire()
            second.release()
            first.release()


def parse_args(args):
    """Return (n, ordered, meals) with meals None for forever, or None if bad."""
    numbers = []
    mode = None
    forever = False
    for arg in args:
        if arg in ("naive", "ordered"):
            if mode is not None:
                return None
            mode = arg
        elif arg == "forever":
            if forever:
                return None
            forever = True
        else:
            try:
                numbers.append(int(arg))
            except ValueError:
                return None
    if len(numbers) > 2 or (forever and len(numbers) > 1):
        return None
    n = numbers[0] if numbers else 5
    meals = None if forever else (numbers[1] if len(numbers) > 1 else 1)
    if n < 2 or (meals is not None and meals < 0):
        return None
    return n, mode == "ordered", meals


if __name__ == "__main__":
    parsed = parse_args(sys.argv[1:])
    if parsed is None:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    n, ordered, meals = parsed

    forks = [multiprocessing.Lock() for _ in range(n)]
    philosophers = [multiprocessing.Process(target=philosopher, args=(i, forks, ordered, meals),
                                            name=f"philosopher-{i}")
                    for i in range(n)]
    for p in philosophers:
        p.start()
    for p in philosophers:
        p.join()
