"""An environment variable is state too: the worker's third round fails, and its rounds differ
only in ``os.environ["ROUNDS"]`` (the frame's locals are the same at every ``e.wait()``)."""
import multiprocessing
import os


def worker(e):
    while True:
        e.wait()
        os.environ["ROUNDS"] = str(int(os.environ.get("ROUNDS", "0")) + 1)
        if os.environ["ROUNDS"] == "3":
            raise AssertionError("third round")


if __name__ == "__main__":
    e = multiprocessing.Event()
    e.set()
    p = multiprocessing.Process(target=worker, args=(e,))
    p.start()
    p.join()
