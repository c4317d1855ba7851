"""A "head start": the parent sleeps a little after start() and assumes the child is ready.

Real CPython (tests/oracle/programs/sleep_head_start_ready.py, 40 runs each): a forked child is
ready within the 0.05 s (True every run); a spawned one is still starting a new interpreter and
importing this module (False every run).  A sleep orders nothing.
"""
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
