"""A module of the program imported only after the process has stopped at an operation is state
from then on: the worker's third round fails, and its rounds differ only in ``later.tally.count``
(the frame's locals are the same at every ``e.wait()``; the module itself is only named there)."""
import importlib
import multiprocessing


def worker(e):
    while True:
        e.wait()
        tally = importlib.import_module("later.tally")
        tally.count += 1
        if tally.count == 3:
            raise AssertionError("third round")
        del tally


if __name__ == "__main__":
    e = multiprocessing.Event()
    e.set()
    p = multiprocessing.Process(target=worker, args=(e,))
    p.start()
    p.join()
