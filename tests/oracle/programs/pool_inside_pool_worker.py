"""A Pool task tries to create its own Pool (nested parallelism).

Real CPython: pool workers are daemonic, so the inner Pool() fails in the worker and map()
re-raises it in the parent: AssertionError: daemonic processes are not allowed to have children
(exit 1), fork and spawn.

mpsim claim tested: pool workers are daemons; the error travels back to the caller.
"""
# family: other real-world code
import multiprocessing


def inner(x):
    return x + 1


def outer(xs):
    with multiprocessing.Pool(2) as pool:
        return sum(pool.map(inner, xs))


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(outer, [[1, 2], [3, 4]]))
