"""A module global mutated by a function: the loop's only changing state is the global."""
import multiprocessing

count = 0


def bump():
    global count
    count += 1


def worker(lock, done):
    while count < 3:
        lock.acquire()
        lock.release()
        bump()
    done.set()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    done = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(lock, done))
    p.start()
    done.wait()
    p.join()
