"""Process-level violence: a child calls os._exit(3) while holding a lock.

os._exit skips the `with` block's release, so the lock stays held forever; the parent sees exit
code 3 and then blocks for ever in lock.acquire() - a real deadlock (plain python hangs).  A good
checker reports the deadlock (exit 1) or says "not modelled" naming os._exit (exit 2).  It must
not exit itself with status 3.

expect: exit 1 deadlock
expect: exit 2 not-modelled os._exit
"""
import multiprocessing
import os


def work(lock):
    with lock:
        os._exit(3)  # expect-line


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,), name="quitter")
    p.start()
    p.join()
    assert p.exitcode == 3, p.exitcode
    lock.acquire()
    print("never reached: the child died holding the lock")
