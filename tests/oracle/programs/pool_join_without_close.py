"""pool.join() without pool.close() first.

What it does: runs pool.map, then calls pool.join() directly.

Real CPython: "squares [0, 1, 4]" then ValueError: Pool is still running (exit 1), fork and spawn.

mpsim claim tested: CPython's check that a pool must be closed or terminated before join().
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def square(x):
    return x * x


if __name__ == "__main__":
    pool = multiprocessing.Pool(2)
    print(f"squares {pool.map(square, range(3))}", flush=True)
    pool.join()
