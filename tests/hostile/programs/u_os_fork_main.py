"""Unsupported API: os.fork() by hand in the main process (bounded: one fork), next to a
multiprocessing lock.

Plain python: the forked copy takes the lock and leaves with os._exit(0); main reaps it; exit 0.
A good checker: "not modelled" naming os.fork (exit 2).

expect: exit 2 not-modelled os.fork
"""
import multiprocessing
import os

if __name__ == "__main__":
    lock = multiprocessing.Lock()
    pid = os.fork()  # expect-line
    if pid == 0:
        with lock:
            pass
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert status == 0
