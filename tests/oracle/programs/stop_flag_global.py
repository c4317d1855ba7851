"""Stopping a worker with a module-level flag (a beginner's mistake).

What it does: the worker loops `while running:` with a short sleep; the parent sleeps a little,
sets the global `running = False` and joins the worker.

Real CPython: the flag the parent changes is its own copy; the worker never sees it, so
`join()` never returns: every run hangs, under fork and spawn.

mpsim claim tested: a module global changed in the parent after start() is not seen by the child;
the program can never finish (nontermination: the worker loops while the parent waits).
"""
# family: per-process interpreter state
# oracle: --timeout 3
import multiprocessing
import time

running = True


def worker():
    print("worker: started", flush=True)
    ticks = 0
    while running:
        time.sleep(0.05)
        ticks += 1
    print(f"worker: stopped after {ticks} ticks")


if __name__ == "__main__":
    p = multiprocessing.Process(target=worker)
    p.start()
    time.sleep(0.2)
    running = False
    print("main: asked the worker to stop", flush=True)
    p.join()
    print("main: done")
