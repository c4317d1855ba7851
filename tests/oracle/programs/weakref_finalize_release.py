"""weakref.finalize releases a lock (and prints) when a resource object is deleted.

What it does: each worker makes a Resource whose finalizer releases the shared lock; it acquires
the lock, creates the resource, uses it and `del`s it; the finalizer releases. Two workers, two
rounds each.

Real CPython: the finalizers run at `del` (last reference), newest first: the lock is released
before the "released" line is printed, so the other worker's "using" line can come before it.
9 lines, exit 0, fork and spawn.

mpsim claim tested: weakref.finalize callbacks run when the object dies inside a simulated process.
"""
# family: per-process interpreter state
import multiprocessing
import weakref


class Resource:
    def __init__(self, name):
        self.name = name


def worker(lock, who):
    for n in range(2):
        lock.acquire()
        res = Resource(f"{who}{n}")
        weakref.finalize(res, print, f"{who}: released {res.name}", flush=True)
        weakref.finalize(res, lock.release)
        print(f"{who}: using {res.name}", flush=True)
        del res


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    procs = [multiprocessing.Process(target=worker, args=(lock, w)) for w in ("A", "B")]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("main: done")
