"""Sharing a Lock with Pool workers through the initializer, stored in a module global.

What it does: Pool(2, initializer=init, initargs=(lock,)) where init() stores the lock in the
global LOCK; each task appends a line to a shared log file under that lock; the parent prints
the sorted lines.

Real CPython: "4 lines: task 0, task 1, task 2, task 3", exit 0, fork and spawn.

mpsim claim tested: pool initializers set per-worker globals; a Lock passed via initargs.
"""
# family: other real-world code
import multiprocessing
import os
import tempfile

LOCK = None


def init(lock):
    global LOCK
    LOCK = lock


def task(args):
    path, n = args
    with LOCK:
        with open(path, "a") as f:
            f.write(f"task {n}\n")
    return n


if __name__ == "__main__":
    fd, path = tempfile.mkstemp()
    os.close(fd)
    lock = multiprocessing.Lock()
    with multiprocessing.Pool(2, initializer=init, initargs=(lock,)) as pool:
        pool.map(task, [(path, n) for n in range(4)])
    with open(path) as f:
        lines = sorted(f.read().splitlines())
    os.unlink(path)
    print(f"{len(lines)} lines: {', '.join(lines)}")
