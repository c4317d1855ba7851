"""Barrier(2) with one party: the lone worker waits forever -> deadlock."""
import multiprocessing


def worker(b):
    b.wait()


if __name__ == "__main__":
    b = multiprocessing.Barrier(2)
    p = multiprocessing.Process(target=worker, args=(b,), name="worker")
    p.start()
    p.join()
