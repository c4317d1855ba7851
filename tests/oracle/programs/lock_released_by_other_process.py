"""A multiprocessing.Lock taken by the parent is released by a child (a "handover"; Lock, unlike
RLock, has no owner check across processes).

What it does: the parent acquires the lock and starts the child; the child releases it; the
parent then acquires it again (blocking) and prints.

Real CPython: "child: released", "parent: acquired again", exit 0 in every run, fork and spawn.

mpsim claim tested: a Lock may be released by a process other than the one that acquired it.
"""
# family: other real-world code
# oracle: -n 40 --timeout 3
import multiprocessing


def child(lock):
    lock.release()
    print("child: released", flush=True)


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    lock.acquire()
    p = multiprocessing.Process(target=child, args=(lock,))
    p.start()
    p.join()
    lock.acquire()
    print("parent: acquired again")
