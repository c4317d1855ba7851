"""A function attribute is state too: ``worker.calls`` is all that changes between rounds."""
import multiprocessing


def worker(e):
    while True:
        e.wait()
        worker.calls = getattr(worker, "calls", 0) + 1
        if worker.calls == 3:
            raise AssertionError("third call")


if __name__ == "__main__":
    e = multiprocessing.Event()
    e.set()
    p = multiprocessing.Process(target=worker, args=(e,))
    p.start()
    p.join()
