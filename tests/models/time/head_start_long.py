"""head_start.py with a longer head start: 0.5 s, longer than a spawned child takes to start up.

Real CPython (10 runs, spawn, on the loaded 2-core machine): "ready after head start: True"
every run.  Only a machine under heavy load could make it False: mpsim's untimed search.
"""
import multiprocessing
import time


def worker(ready):
    ready.set()


if __name__ == "__main__":
    ready = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(ready,))
    p.start()
    time.sleep(0.5)
    print(f"ready after head start: {ready.is_set()}")
    ready.wait()
    p.join()
