"""Lock vs RLock: who may release?

Teaches: a multiprocessing.Lock has no owner, so any process may release
it -- even one that never acquired it.  An RLock belongs to the process
that acquired it; releasing it from another process is an error.

Part 1: main acquires a Lock, a child releases it (works), main acquires
it again to show it really was free.
Part 2: main acquires an RLock, a child tries to release it and dies.

Expected mpsim verdict: an exception in the second child
("rlock-releaser"):
    AssertionError: attempt to release recursive lock not owned by thread
Nothing else goes wrong: main joins that child and finishes normally.

Usage: python lock_vs_rlock.py      (no arguments)
"""
import multiprocessing
import sys

USAGE = "usage: python lock_vs_rlock.py   (takes no arguments)"


def release_lock(lock):
    lock.release()  # fine: a Lock may be released by anyone
    print("child released the Lock that main acquired")


def release_rlock(rlock):
    print("child tries to release the RLock that main acquired")
    rlock.release()  # AssertionError: this process does not own the RLock
    print("child released the RLock (never printed)")


if __name__ == "__main__":
    if sys.argv[1:]:
        print(USAGE, file=sys.stderr)
        sys.exit(2)

    # Part 1: Lock
    lock = multiprocessing.Lock()
    lock.acquire()
    p1 = multiprocessing.Process(target=release_lock, args=(lock,), name="lock-releaser")
    p1.start()
    p1.join()
    lock.acquire()  # would block forever if the child had not released it
    print("main acquired the Lock again: the child's release really freed it")
    lock.release()

    # Part 2: RLock
    rlock = multiprocessing.RLock()
    rlock.acquire()
    p2 = multiprocessing.Process(target=release_rlock, args=(rlock,), name="rlock-releaser")
    p2.start()
    p2.join()
    rlock.release()  # main is the owner, so this works
    print("main released its own RLock")
