"""A Manager().Queue() passed to Pool tasks as an argument (the fix for 'Queue objects should only
be shared between processes through inheritance').

What it does: pool.map(worker, [(q, n) ...]) where each task puts n*10 into the manager queue;
the main block then gets 4 items and prints them sorted.

Real CPython: "got [10, 20, 30, 40]", exit 0 in every run, fork and spawn.

mpsim claim tested: a manager queue's proxy can be pickled into pool tasks (unlike a
multiprocessing.Queue); no finding.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def worker(args):
    q, n = args
    q.put(n * 10)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        with multiprocessing.Pool(2) as pool:
            pool.map(worker, [(q, n) for n in range(1, 5)])
        print(f"got {sorted(q.get() for _ in range(4))}")
