"""A "head start": the parent sleeps a little after start() and assumes the child is ready.

Usage: python head_start.py [SECONDS]   (the head start; default 0.05)

Real CPython (tests/oracle/programs/sleep_head_start_ready.py, 40 runs each): with 0.05 s a forked
child is ready (True every run); a spawned one is still starting a new interpreter and importing
this module (False every run).  With 0.5 s, longer than a start-up, a spawned child is ready too
(True in 10 of 10 spawn runs on the loaded 2-core machine).  A sleep orders nothing.
"""
import multiprocessing
import sys
import time


def worker(ready):
    ready.set()


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 0.05
    ready = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(ready,))
    p.start()
    time.sleep(seconds)
    print(f"ready after head start: {ready.is_set()}")
    ready.wait()
    p.join()
