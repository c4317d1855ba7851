"""Interpreter abuse: the main process points file descriptor 1 at /dev/null with os.dup2.

Plain python exits 0 (its later output vanishes).  A good checker either models it (clean, exit 0)
or says "not modelled" naming os.dup2 (exit 2); its own report must still reach its real stdout.

expect: exit 0 clean
expect: exit 2 not-modelled os.dup2
"""
import multiprocessing
import os


def work(lock):
    with lock:
        print("child output")


if __name__ == "__main__":
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # expect-line
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    print("main output, into /dev/null")
