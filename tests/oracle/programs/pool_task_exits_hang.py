"""A multiprocessing.Pool task ends its worker with os._exit(1): the pool starts a new worker, but
the task's result never comes and map() waits forever.

Real CPython: every run hangs (Pool, unlike ProcessPoolExecutor, does not notice a dead worker's
lost task), fork and spawn.

mpsim claim tested: a task lost with its worker leaves map() blocked for ever: a deadlock or
non-termination finding.
"""
# family: other real-world code
# oracle: -n 40 --timeout 3
import multiprocessing
import os


def task(n):
    if n == 1:
        os._exit(1)
    return n


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(task, range(3)))
