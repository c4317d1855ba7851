"""map_async inside `with Pool() as pool:` with the get() after the block: leaving the block
terminates the pool (Pool.__exit__ calls terminate(), not close()/join()), so the tasks are
killed and the results never come.

What it does: r = pool.map_async(slow_square, range(4)) in the with block; after the block,
r.get(timeout=1) inside try/except multiprocessing.TimeoutError.

Real CPython: "results lost: the pool was terminated", exit 0 in every run, fork and spawn (each
task sleeps 0.2 s; the terminate() comes first).

mpsim claim tested: Pool.__exit__ terminates the workers; a result that was never computed makes
get(timeout) raise multiprocessing.TimeoutError when its time is up.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import time


def slow_square(x):
    time.sleep(0.2)
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        r = pool.map_async(slow_square, range(4))
    try:
        print(f"results {r.get(timeout=1)}")
    except multiprocessing.TimeoutError:
        print("results lost: the pool was terminated")
