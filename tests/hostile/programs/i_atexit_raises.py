"""Interpreter abuse: the main process registers an atexit handler that raises.

Plain python: at exit CPython prints "Exception ignored in atexit callback ... RuntimeError" and
the exit status stays 0.  A good checker: clean (exit 0), or "not modelled" naming atexit
(exit 2).  The handler must never run inside the checker's own exit (once per explored run!).

expect: exit 0 clean
expect: exit 2 not-modelled atexit
expect: exit 1 exception atexit handler fails
"""
import atexit
import multiprocessing


def on_exit():
    raise RuntimeError("atexit handler fails")


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    atexit.register(on_exit)  # expect-line
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
