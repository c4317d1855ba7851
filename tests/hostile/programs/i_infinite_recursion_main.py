"""Interpreter abuse: the main process recurses without end while holding a lock, after starting
a child that waits for the same lock.

Plain python: RecursionError in main (exit 1); unwinding releases the lock and the child then
finishes.  A good checker: an exception finding (RecursionError) for the main process - the
model's recursion must exhaust the model's stack, not the checker's.

expect: exit 1 exception RecursionError
"""
import multiprocessing


def down(n):
    return down(n + 1) + 1


def work(lock):
    with lock:
        print("child got the lock")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    with lock:
        p.start()
        down(0)
