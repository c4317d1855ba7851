"""Interpreter abuse: the main process registers an atexit handler that prints.

Plain python prints "goodbye from atexit" last and exits 0.  A good checker: clean (exit 0), or
"not modelled" naming atexit (exit 2).  The handler's output must never land in the checker's own
stdout after its JSON report.

expect: exit 0 clean
expect: exit 2 not-modelled atexit
"""
import atexit
import multiprocessing


def goodbye():
    print("goodbye from atexit")


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    atexit.register(goodbye)  # expect-line
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
