"""Two workers each draw a random number with the random module, without seeding it (the old
fork gotcha: children that inherit the parent's generator draw the same numbers).

What it does: each worker puts random.randint(0, 10**9) into a queue; the parent prints whether
the two numbers are the same.

Real CPython: "same numbers: False" under fork and spawn (see outcomes/ for the counts): since
Python 3.7 the random module reseeds itself in a forked child (os.register_at_fork), and a spawned
child seeds a fresh generator from the OS.

mpsim claim tested: each child's random module has its own seed, under fork too.
"""
# family: nondeterminism that is not scheduling
# oracle: -n 40
import multiprocessing
import random


def worker(q):
    q.put(random.randint(0, 10**9))


if __name__ == "__main__":
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=worker, args=(q,)) for _ in range(2)]
    for p in procs:
        p.start()
    a, b = q.get(), q.get()
    for p in procs:
        p.join()
    print(f"same numbers: {a == b}")
