"""The parent gives a worker a "head start" with time.sleep(0.05) and then assumes it is ready.

What it does: the worker sets `ready` as its first statement; the parent starts it, sleeps
0.05 s, and prints ready.is_set() before waiting for it properly.

Real CPython: fork: "ready after head start: True" in 40/40 runs; spawn: "ready after head
start: False" in 40/40 runs (the child first starts a new interpreter and imports the main module,
which takes longer than 0.05 s). Exit 0 in every run.

mpsim claim tested: a sleep is not a synchronisation: both answers are possible, whatever the
start method (starting a process takes time as well).
"""
# family: time
# oracle: -n 40
import multiprocessing
import time


def worker(ready):
    ready.set()


if __name__ == "__main__":
    ready = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(ready,))
    p.start()
    time.sleep(0.05)
    print(f"ready after head start: {ready.is_set()}")
    ready.wait()
    p.join()
