"""Process-level violence: the main process leaves with os._exit(3) after its child finished.

Plain python exits with status 3 at once (no atexit handlers, no flushing).  A good checker either
models os._exit (nothing goes wrong here: clean, exit 0) or says "not modelled" naming os._exit
(exit 2), or - as mpsim does since its exit findings - reports the program's own failure status
(a finding, exit 1).  It must not exit itself with status 3.

expect: exit 2 not-modelled os._exit
expect: exit 0 clean
expect: exit 1 finding status 3
"""
import multiprocessing
import os


def work(lock):
    with lock:
        print("child done")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    os._exit(3)  # expect-line
