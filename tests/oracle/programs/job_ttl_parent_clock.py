"""Jobs carry an expiry time computed by the parent (time.time() + 5) before start(); the worker
refuses expired jobs.

What it does: the parent stamps each job with `expires = time.time() + 5` and passes it to a
worker; the worker computes `remaining = expires - time.time()` and raises TimeoutError if it is
not positive, else prints that it ran the job.

Real CPython: both jobs run ("ran report-1", "ran report-2"; order varies), exit 0, fork and spawn;
the child's clock is the same wall clock the parent read, a few ms later.

mpsim claim tested: a child reads the same clock as the parent (one clock for the machine, not a
clock per process starting at zero or at a different offset).
"""
# family: time
import multiprocessing
import time


def worker(name, expires):
    remaining = expires - time.time()
    if remaining <= 0:
        raise TimeoutError(f"{name} expired {-remaining:.1f} s ago")
    if remaining > 5:
        raise ValueError(f"{name}: expiry is in the future by more than its TTL")
    print(f"ran {name}")


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=worker, args=(f"report-{n}", time.time() + 5))
             for n in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
