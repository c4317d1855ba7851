"""A try block in progress: the same statement inside and outside the try must not be merged."""
import multiprocessing


def worker(lock, done):
    rounds = 0
    while rounds < 2:
        try:
            lock.acquire()
            rounds += 1
        finally:
            lock.release()
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
