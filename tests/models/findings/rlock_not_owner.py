"""A child releases an RLock main holds -> exception in the child (CPython's AssertionError)."""
import multiprocessing


def thief(rlock):
    rlock.release()


if __name__ == "__main__":
    rlock = multiprocessing.RLock()
    rlock.acquire()
    p = multiprocessing.Process(target=thief, args=(rlock,), name="thief")
    p.start()
    p.join()
    rlock.release()
