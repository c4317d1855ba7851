"""A closure's cell is state too: the counter lives in `inc`'s cell, not in any frame's locals."""
import multiprocessing


def make_counter():
    n = 0

    def inc():
        nonlocal n
        n += 1
        return n
    return inc


def worker(lock, done):
    inc = make_counter()
    while True:
        lock.acquire()
        lock.release()
        if inc() == 3:
            break
    done.set()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    done = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(lock, done))
    p.start()
    done.wait()
    p.join()
