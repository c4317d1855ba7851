"""Control flow that swallows: the ABBA deadlock, with every acquire inside a bare `except:`
retry loop in both children.

Plain python: in some runs each child holds one lock and waits for the other for ever.  A good
checker: a deadlock finding (exit 1) - the swallowing loops change nothing about that, and must
not make the checker hang when it abandons the children.

expect: exit 1 deadlock
"""
import multiprocessing


def take(lock):
    while True:
        try:
            lock.acquire()
            return
        except:  # noqa: E722 - the point of this program
            continue


def worker(first, second):
    take(first)
    take(second)
    second.release()
    first.release()


if __name__ == "__main__":
    a, b = multiprocessing.Lock(), multiprocessing.Lock()
    p1 = multiprocessing.Process(target=worker, args=(a, b), name="ab")
    p2 = multiprocessing.Process(target=worker, args=(b, a), name="ba")
    p1.start()
    p2.start()
    p1.join()
    p2.join()
