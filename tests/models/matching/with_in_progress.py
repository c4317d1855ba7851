"""Inside a with block the context manager is on the value stack: here the same line and the same
locals are reached holding lock a and holding lock b, and only one of them may be released."""
import multiprocessing


def worker(a, b, done):
    for cm in [a, b, a]:
        with cm:
            done.is_set()
    done.set()


if __name__ == "__main__":
    a = multiprocessing.Lock()
    b = multiprocessing.Lock()
    done = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(a, b, done))
    p.start()
    done.wait()
    p.join()
    assert a.acquire(False) and b.acquire(False), "a lock was left held"
