"""Process-level violence: a child runs a shell command with os.system("true").

Plain python: status 0, the child exits 0.  A good checker says "not modelled" naming os.system
(exit 2).

expect: exit 2 not-modelled os.system
"""
import multiprocessing
import os


def work(lock):
    with lock:
        status = os.system("true")  # expect-line
        assert status == 0


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
