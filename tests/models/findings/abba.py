"""ABBA: two workers take two locks in opposite orders -> deadlock (cycle a-worker -> b-worker)."""
import multiprocessing


def ab(a, b):
    with a:
        with b:
            pass


def ba(a, b):
    with b:
        with a:
            pass


if __name__ == "__main__":
    a = multiprocessing.Lock()
    b = multiprocessing.Lock()
    p = multiprocessing.Process(target=ab, args=(a, b), name="a-worker")
    q = multiprocessing.Process(target=ba, args=(a, b), name="b-worker")
    p.start()
    q.start()
    p.join()
    q.join()
