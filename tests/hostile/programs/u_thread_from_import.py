"""Unsupported API: `from threading import Thread` in the main process.

Plain python: the thread prints; exit 0.  A good checker: "not modelled" naming threading.Thread
(exit 2), at the import or the use.

expect: exit 2 not-modelled Thread
"""
import multiprocessing
from threading import Thread  # expect-line


def hello(lock):
    with lock:
        print("hello from a thread")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    t = Thread(target=hello, args=(lock,))  # expect-line
    t.start()  # expect-line
    t.join()
