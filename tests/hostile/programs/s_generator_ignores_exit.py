"""Control flow that swallows: a generator that ignores GeneratorExit (it yields again).

When the child drops it, CPython's close() raises "RuntimeError: generator ignored GeneratorExit",
which is only printed as "Exception ignored in: <generator ...>"; the child still exits 0.  Plain
python: exit 0.  A good checker: clean (exit 0).

expect: exit 0 clean
"""
import multiprocessing


def stubborn(lock):
    while True:
        try:
            with lock:
                yield 1
        except GeneratorExit:
            continue


def worker(lock):
    g = stubborn(lock)
    assert next(g) == 1
    del g


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=worker, args=(lock,), name="worker")
    p.start()
    p.join()
    assert p.exitcode == 0, p.exitcode
