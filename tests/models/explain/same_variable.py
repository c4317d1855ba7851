"""Two processes held in turn by one variable: neither takes its name, both keep CPython's."""
import multiprocessing


def work(lock):
    lock.acquire()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    for _ in range(2):
        p = multiprocessing.Process(target=work, args=(lock,))
        p.start()
        p.join()
