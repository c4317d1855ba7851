"""Odd value: a list nested 100,000 deep, held in a local variable while processes wait.

Plain python builds it iteratively and never recurses on it; exit 0.  A good checker: clean
(exit 0) - fingerprinting the process's memory must not recurse into a RecursionError or a crash
of its own.

expect: exit 0 clean
"""
import multiprocessing


def work(lock):
    deep = []
    for _ in range(100_000):
        deep = [deep]
    with lock:
        print("child holds a deep list")
    with lock:
        pass


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    with lock:
        print("main")
    p.join()
    assert p.exitcode == 0
