"""A child takes the lock and returns without releasing it; main then waits for it forever."""
import multiprocessing


def grab(lock):
    lock.acquire()
    print("got the lock, leaving")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=grab, args=(lock,))
    p.start()
    p.join()
    lock.acquire()
