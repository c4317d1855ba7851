"""A ProcessPoolExecutor task ends its worker process with os._exit(1) (a native crash would do
the same): the executor is broken and the future raises BrokenProcessPool.

What it does: submits crash(); catches the exception of future.result() and prints its type.

Real CPython: "pool broken: BrokenProcessPool", exit 0 in every run, fork and spawn.

mpsim claim tested: a worker that dies under a ProcessPoolExecutor breaks the pool; pending
futures get BrokenProcessPool instead of hanging.
"""
# family: other real-world code
# oracle: -n 40
import os
from concurrent.futures import ProcessPoolExecutor


def crash():
    os._exit(1)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        future = ex.submit(crash)
        try:
            future.result()
            print("no error")
        except Exception as exc:
            print(f"pool broken: {type(exc).__name__}")
