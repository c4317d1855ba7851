"""Huge value: 20,000 locks created by the main process (bounded), one of them shared with a
child.

Plain python: creating that many semaphores takes a while but works; exit 0.  A good checker:
clean (exit 0) within the time limit - a big but idle world.

expect: exit 0 clean
"""
import multiprocessing


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    locks = [multiprocessing.Lock() for _ in range(20_000)]
    p = multiprocessing.Process(target=work, args=(locks[-1],))
    p.start()
    with locks[-1]:
        print("main")
    p.join()
