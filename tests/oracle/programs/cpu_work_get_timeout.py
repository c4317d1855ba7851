"""The parent waits 0.1 s for a CPU-bound worker (a loop of a few million additions, about half
a second) and gives up with queue.Empty.

What it does: the worker sums range(5_000_000) and puts the total; the parent calls
q.get(timeout=0.1), prints "timed out" on queue.Empty, then waits for the result without a
timeout and prints it.

Real CPython: "timed out", "total 12499997500000" in 30/40 runs under fork and 40/40 under spawn
(the loop takes about 0.1-0.2 s, plus the new interpreter's start under spawn); the other 10 fork
runs print only the total. Exit 0 in every run.

mpsim claim tested: computing takes time too: a timeout can expire while the other process is
busy computing (not only while it sleeps or waits).
"""
# family: time
# oracle: -n 40
import multiprocessing
import queue


def worker(q):
    q.put(sum(range(5_000_000)))


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q,))
    p.start()
    try:
        print(f"total {q.get(timeout=0.1)}")
    except queue.Empty:
        print("timed out")
        print(f"total {q.get()}")
    p.join()
