"""A program that names ``multiprocessing.pool.AsyncResult``: the simulator checks it, and the
replay follows it on real processes (it used to refuse it, from a module table of its own)."""
import multiprocessing
from multiprocessing.pool import AsyncResult


def square(x):
    return x * x


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        result = pool.apply_async(square, (7,))
        assert isinstance(result, AsyncResult)
        print("square", result.get())
