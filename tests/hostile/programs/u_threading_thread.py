"""Unsupported API: threading.Thread inside a child process.

Plain python: the thread takes the lock and prints; exit 0.  A good checker: "not modelled" naming
threading.Thread (exit 2) and this line - never a finding blamed on the program.

expect: exit 2 not-modelled threading.Thread
"""
import multiprocessing
import threading


def in_thread(lock):
    with lock:
        print("thread")


def work(lock):
    t = threading.Thread(target=in_thread, args=(lock,))  # expect-line
    t.start()  # expect-line
    t.join()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
