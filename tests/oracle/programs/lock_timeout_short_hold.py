"""A worker holds a lock for 0.1 s; another waits for it with acquire(timeout=2) and treats a
timeout as an error.

What it does: `holder` takes the lock, signals `taken`, sleeps 0.1 s and releases; `waiter`
waits for `taken`, then `if not lock.acquire(timeout=2): raise TimeoutError(...)`.

Real CPython: "holder: releasing", "waiter: got the lock", exit 0, fork and spawn.

mpsim claim tested: a 2 s timeout cannot fire while the holder is about to release after 0.1 s.
"""
# family: time
import multiprocessing
import time


def holder(lock, taken):
    with lock:
        taken.set()
        time.sleep(0.1)
        print("holder: releasing", flush=True)


def waiter(lock, taken):
    taken.wait()
    if not lock.acquire(timeout=2):
        raise TimeoutError("waiter: lock still busy after 2 s")
    print("waiter: got the lock", flush=True)
    lock.release()


if __name__ == "__main__":
    lock, taken = multiprocessing.Lock(), multiprocessing.Event()
    procs = [multiprocessing.Process(target=f, args=(lock, taken)) for f in (holder, waiter)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
