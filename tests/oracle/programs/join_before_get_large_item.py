"""The docs' "joining processes that use queues" deadlock: the child puts a large result (bigger
than a pipe's buffer) and the parent join()s it before get().

What it does: the worker puts a 200 kB string; the parent calls p.join() and then q.get().

Real CPython: the child's feeder thread blocks writing into the full pipe, so the child never
exits, and the parent's join() never returns: every run hangs, fork and spawn.

mpsim claim tested: a process whose queue data has not been read cannot exit (its feeder thread
must flush first); join() before get() is a deadlock for an item that does not fit the pipe.
"""
# family: other real-world code
# oracle: -n 40 --timeout 3
import multiprocessing


def worker(q):
    q.put("x" * 200_000)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q,))
    p.start()
    p.join()
    print(f"got {len(q.get())} bytes")
