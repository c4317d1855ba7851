"""Pool(2, maxtasksperchild=1): each task runs in a fresh worker process (a common cure for leaks).

What it does: pool.map(whoami, range(4), chunksize=1) returns each task's os.getpid(); the main
block prints how many distinct pids there were.

Real CPython: "4 tasks in 4 processes", exit 0 in every run, fork and spawn.

mpsim claim tested: a worker that has done maxtasksperchild tasks exits and the pool starts a new
one; the results still all arrive.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import os


def whoami(_):
    return os.getpid()


if __name__ == "__main__":
    with multiprocessing.Pool(2, maxtasksperchild=1) as pool:
        pids = pool.map(whoami, range(4), chunksize=1)
    print(f"{len(pids)} tasks in {len(set(pids))} processes")
