"""A Lock acquired twice by the same process: it blocks forever on itself -> deadlock."""
import multiprocessing


def worker(lock):
    lock.acquire()
    lock.acquire()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=worker, args=(lock,), name="worker")
    p.start()
    p.join()
