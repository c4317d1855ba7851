"""A producer calls cond.notify() without holding the condition's lock.

What it does: the worker waits on the condition (holding it, with a timeout of 1 s); the parent
sleeps 0.1 s and calls cond.notify() without `with cond:`.

Real CPython: the parent's notify() raises AssertionError: lock is not owned (exit 1); the worker
times out and prints "worker: notified=False", fork and spawn.

mpsim claim tested: CPython's check that notify() needs the condition's lock.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import time


def worker(cond):
    with cond:
        print(f"worker: notified={cond.wait(timeout=1)}", flush=True)


if __name__ == "__main__":
    cond = multiprocessing.Condition()
    p = multiprocessing.Process(target=worker, args=(cond,))
    p.start()
    time.sleep(0.1)
    try:
        cond.notify()
    finally:
        p.join()
