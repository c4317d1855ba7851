"""A name set in ``builtins`` is state too: the worker's third round fails, and its rounds differ
only in ``builtins.rounds`` (the frame's locals are the same at every ``e.wait()``)."""
import builtins
import multiprocessing


def worker(e):
    while True:
        e.wait()
        builtins.rounds = getattr(builtins, "rounds", 0) + 1
        if builtins.rounds == 3:
            raise AssertionError("third round")


if __name__ == "__main__":
    e = multiprocessing.Event()
    e.set()
    p = multiprocessing.Process(target=worker, args=(e,))
    p.start()
    p.join()
