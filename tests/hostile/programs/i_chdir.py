"""Interpreter abuse: the main process changes its working directory to / and its child to /tmp.

Plain python exits 0.  A good checker: clean (exit 0) - relative paths it was given (the model
file) must still work after the model moved.

expect: exit 0 clean
"""
import multiprocessing
import os


def work(lock):
    os.chdir("/tmp")
    with lock:
        print("child in", os.getcwd())


if __name__ == "__main__":
    os.chdir("/")
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    with lock:
        print("main in", os.getcwd())
    p.join()
    assert p.exitcode == 0
