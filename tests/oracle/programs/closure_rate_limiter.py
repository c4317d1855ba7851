"""A worker uses a closure (nonlocal counter) as a rate limiter around a shared lock.

What it does: make_limiter(3) returns allow(), which counts down a `nonlocal remaining`; the
worker loops `while allow():` incrementing a shared counter under its lock; two workers.

Real CPython: each worker does 3 increments: prints "counter 6", exit 0, fork and spawn.

mpsim claim tested: the contents of closure cells are state (locals of the loop are the same in
every iteration).
"""
# family: state a fingerprint might miss
import multiprocessing


def make_limiter(n):
    remaining = n

    def allow():
        nonlocal remaining
        remaining -= 1
        return remaining >= 0

    return allow


def worker(counter):
    allow = make_limiter(3)
    while allow():
        with counter.get_lock():
            counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    procs = [multiprocessing.Process(target=worker, args=(counter,)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"counter {counter.value}")
