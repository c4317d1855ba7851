"""A worker is terminate()d while holding a lock; the parent then tries the lock with a timeout
and reports that it is still held.

What it does: the worker takes the lock, sets `holding`, sleeps; the parent waits for `holding`,
terminates and joins it, then calls lock.acquire(timeout=0.2) and prints the result.

Real CPython: "worker exit code -15", "acquired: False", exit 0 in every run, fork and spawn (the
killed holder never releases the lock).

mpsim claim tested: a lock held by a terminated process stays held; acquire(timeout) returns False
(not a deadlock).
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import time


def worker(lock, holding):
    lock.acquire()
    holding.set()
    time.sleep(10)


if __name__ == "__main__":
    lock, holding = multiprocessing.Lock(), multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(lock, holding))
    p.start()
    holding.wait()
    p.terminate()
    p.join()
    print(f"worker exit code {p.exitcode}")
    print(f"acquired: {lock.acquire(timeout=0.2)}")
