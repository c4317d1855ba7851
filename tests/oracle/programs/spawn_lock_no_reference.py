"""Start a worker with a freshly created Lock as its only argument, keep no reference, don't join.

What it does: `multiprocessing.Process(target=worker, args=(multiprocessing.Lock(),)).start()`
and the main block ends (the child is joined by multiprocessing at exit).

Real CPython: fork - the child uses the lock: prints "worker: got the lock", exit 0. spawn - the
parent's Lock is garbage-collected right after start(), which unlinks its named semaphore before
the child rebuilds it: the child dies with FileNotFoundError: [Errno 2] No such file or directory
(SEMANTICS/README: a known gap of mpsim).

mpsim claim tested: object lifetime of primitives under spawn; a main that ends without joining.
"""
# family: per-process interpreter state
import multiprocessing


def worker(lock):
    with lock:
        print("worker: got the lock")


if __name__ == "__main__":
    multiprocessing.Process(target=worker, args=(multiprocessing.Lock(),)).start()
    print("main: started the worker")
