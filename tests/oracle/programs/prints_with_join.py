"""Each worker is joined before the next starts, so the output order is fixed.

Real CPython: "main: start", "worker 1", "worker 2", "main: end"... with stdout a pipe the
parent's lines are buffered: "main: start" is flushed at each start() (multiprocessing flushes
stdout before it forks/spawns), so the order is start, worker 1, worker 2, end. Exit 0.

mpsim claim tested: the "outcomes" contain exactly the one real output.
"""
# family: output order
import multiprocessing


def worker(n):
    print(f"worker {n}")


if __name__ == "__main__":
    print("main: start")
    for n in (1, 2):
        p = multiprocessing.Process(target=worker, args=(n,))
        p.start()
        p.join()
    print("main: end")
