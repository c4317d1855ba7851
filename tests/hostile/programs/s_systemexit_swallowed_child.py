"""Control flow that swallows: a child catches its own SystemExit and carries on.

    try:
        sys.exit(3)
    except SystemExit:
        pass

Plain python: the child goes on, takes the lock, returns: exit code 0; exit 0.  A good checker:
clean (exit 0).

expect: exit 0 clean
"""
import multiprocessing
import sys


def work(lock):
    try:
        sys.exit(3)
    except SystemExit:
        pass
    with lock:
        print("still alive")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,), name="survivor")
    p.start()
    p.join()
    assert p.exitcode == 0, p.exitcode
