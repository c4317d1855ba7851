"""Odd but legal: the file starts with a UTF-8 byte order mark (as some Windows editors save).

Plain python runs it.  A good checker checks it: a child that takes a lock - clean (exit 0).

expect: exit 0 clean
"""
import multiprocessing


def work(lock):
    with lock:
        print("worked")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    assert p.exitcode == 0
