"""Interpreter abuse: a child recurses without end while holding a lock.

Plain python: RecursionError in the child (exit code 1); the lock is released on the way out.
A good checker: an exception finding (RecursionError) for the child.

expect: exit 1 exception RecursionError
"""
import multiprocessing


def down(n):
    return down(n + 1) + 1


def work(lock):
    with lock:
        down(0)


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,), name="recurser")
    p.start()
    p.join()
    with lock:
        print("child exit code", p.exitcode)
