"""An object whose ``__getstate__`` leaves its counter out: pickling it says nothing of the
rounds, but the rounds decide when the worker fails."""
import multiprocessing


class Tally:
    def __init__(self):
        self.n = 0

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        self.n = 0


def worker(e):
    tally = Tally()
    while True:
        e.wait()
        tally.n += 1
        if tally.n == 3:
            raise AssertionError("third round")


if __name__ == "__main__":
    e = multiprocessing.Event()
    e.set()
    p = multiprocessing.Process(target=worker, args=(e,))
    p.start()
    p.join()
