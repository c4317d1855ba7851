"""Workers that fail at random (30% chance each) with ConnectionError, like a flaky network call.

What it does: three workers call fetch(), which raises ConnectionError("timed out talking to
server") when random.random() < 0.3; the parent prints how many succeeded.

Real CPython: some runs have no failure ("3 of 3 fetched"), others 1-3 ConnectionError
tracebacks; the parent always exits 0.

mpsim claim tested: random in children is not the same every run; the ConnectionError is a real
outcome (and so is a run without it).
"""
# family: nondeterminism that is not scheduling
import multiprocessing
import random


def fetch(n):
    if random.random() < 0.3:
        raise ConnectionError("timed out talking to server")
    print(f"fetched page {n}", flush=True)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=fetch, args=(n,)) for n in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"{sum(p.exitcode == 0 for p in procs)} of 3 fetched")
