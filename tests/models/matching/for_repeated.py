"""A for loop over a list with repeated items: the iterator's position is the only difference
between iterations 1 and 2 (same line, same locals), so merging them would lose iteration 3."""
import multiprocessing


def worker(lock, done):
    for x in [1, 1, 2]:
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
