"""Interpreter abuse: an atexit handler acquires a lock the main process still holds.

Plain python prints "main body done, holding the lock" and then hangs for ever at exit: the
handler waits for a non-re-entrant lock its own process holds.  A good checker: a deadlock
finding (exit 1), or "not modelled" naming atexit (exit 2) - never a hang of its own at exit.

expect: exit 1 deadlock
expect: exit 2 not-modelled atexit
"""
import atexit
import multiprocessing


def at_exit(lock):
    lock.acquire()
    print("never printed")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    atexit.register(at_exit, lock)  # expect-line
    lock.acquire()
    print("main body done, holding the lock")
