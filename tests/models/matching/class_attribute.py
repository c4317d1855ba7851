"""A class attribute is state too: the worker's third round fails, and its rounds differ only in
``Rounds.count`` (the frame's locals are the same at every ``e.wait()``)."""
import multiprocessing


class Rounds:
    count = 0


def worker(e):
    while True:
        e.wait()
        Rounds.count += 1
        if Rounds.count == 3:
            raise AssertionError("third round")


if __name__ == "__main__":
    e = multiprocessing.Event()
    e.set()
    p = multiprocessing.Process(target=worker, args=(e,))
    p.start()
    p.join()
