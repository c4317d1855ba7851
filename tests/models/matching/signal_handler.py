"""A signal handler is state too: the worker's fourth round fails, and its rounds differ only in
the handler set for SIGUSR1 (the frame's locals are the same at every ``e.wait()``)."""
import multiprocessing
import signal


def first(signum, frame):
    pass


def second(signum, frame):
    pass


def third(signum, frame):
    pass


NEXT = {first: second, second: third}


def worker(e):
    while True:
        e.wait()
        handler = signal.getsignal(signal.SIGUSR1)
        if handler is third:
            raise AssertionError("fourth round")
        signal.signal(signal.SIGUSR1, NEXT.get(handler, first))
        del handler


if __name__ == "__main__":
    e = multiprocessing.Event()
    e.set()
    p = multiprocessing.Process(target=worker, args=(e,))
    p.start()
    p.join()
