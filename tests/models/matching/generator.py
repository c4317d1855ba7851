"""A generator holds its position in its own frame: its items decide when the loop ends."""
import multiprocessing


def items():
    yield 1
    yield 1
    yield 2


def worker(lock, done):
    g = items()
    while next(g) != 2:
        lock.acquire()
        lock.release()
    done.set()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    done = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(lock, done))
    p.start()
    done.wait()
    p.join()
