"""An RLock acquired by the parent is released by a child: RLock checks its owner.

What it does: the parent acquires the RLock and starts the child; the child calls release().

Real CPython: the child raises AssertionError: attempt to release recursive lock not owned by
thread (exit code 1); the parent prints "child exit code 1", exit 0, fork and spawn.

mpsim claim tested: an RLock can only be released by its owner.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def child(rlock):
    rlock.release()


if __name__ == "__main__":
    rlock = multiprocessing.RLock()
    rlock.acquire()
    p = multiprocessing.Process(target=child, args=(rlock,))
    p.start()
    p.join()
    print(f"child exit code {p.exitcode}")
