"""Odd object: a __del__ that performs an operation - it releases a lock.

The child takes the lock and hands the release to a Guard object that goes away when work()
returns; CPython runs __del__ right then, in the child.  Main then takes the lock after join.
Plain python: exit 0.  A good checker: clean (exit 0) - the __del__ must run in the child, not
whenever (or in whichever process) the checker happens to drop the object.

expect: exit 0 clean
"""
import multiprocessing


class Guard:
    def __init__(self, lock):
        self.lock = lock

    def __del__(self):
        self.lock.release()


def work(lock):
    lock.acquire()
    guard = Guard(lock)
    print("child holds the lock until its guard goes")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,), name="guarded")
    p.start()
    p.join()
    assert lock.acquire(timeout=5), "the guard did not release the lock"
    print("main got the lock")
