"""A call that cannot be pickled (a lambda) fails in its future, not in submit(); the executor
goes on working.  Left without shutdown(): the interpreter's exit waits for the calls.

Real CPython (fork and spawn, 40 runs each): exit 0, "worked 4", "PicklingError None", "worked 5"
(printed by the worker, before the program ends).  Expected mpsim verdict: clean.
"""
from concurrent.futures import ProcessPoolExecutor


def work(n):
    print("worked", n, flush=True)


if __name__ == "__main__":
    ex = ProcessPoolExecutor(max_workers=1)
    first = ex.submit(work, 4)
    f = ex.submit(lambda: 1)
    print(type(f.exception()).__name__, first.result(), flush=True)
    ex.submit(work, 5)
