"""Unsupported API (harmless use): a threading.Lock used only inside one process.

Plain python: the process takes its own thread lock and a multiprocessing lock; exit 0.  A thread
lock inside one process without threads cannot interleave with anything, so a good checker may
check it (clean, exit 0) or say "not modelled" naming threading.Lock (exit 2).

expect: exit 0 clean
expect: exit 2 not-modelled threading.Lock
"""
import multiprocessing
import threading


def work(lock):
    local = threading.Lock()  # expect-line
    with local:
        with lock:
            print("child")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
