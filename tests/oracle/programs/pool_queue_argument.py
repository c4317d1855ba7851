"""Passing a multiprocessing.Queue to a Pool task as an argument (a frequent beginner error).

What it does: pool.apply_async(worker, (q, 3)) where worker puts into q; the parent calls
result.get().

Real CPython: the task cannot be pickled for the pool's pipe: result.get() raises RuntimeError:
Queue objects should only be shared between processes through inheritance (exit 1), fork and
spawn.

mpsim claim tested: a Queue may only reach a child at process creation, not through a pool's task
pipe.
"""
# family: other real-world code
import multiprocessing


def worker(q, n):
    q.put(n * n)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    with multiprocessing.Pool(2) as pool:
        result = pool.apply_async(worker, (q, 3))
        result.get(timeout=5)
        print(f"got {q.get()}")
