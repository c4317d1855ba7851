"""The tutorial's first Pool example: square numbers with pool.map and pool.apply_async.

Real CPython: "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", "async: 400", exit 0, fork and spawn.

mpsim claim tested: a plain Pool program gets no finding.
"""
# family: other real-world code
import multiprocessing


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(processes=2) as pool:
        print(pool.map(square, range(10)))
        print(f"async: {pool.apply_async(square, (20,)).get(timeout=5)}")
