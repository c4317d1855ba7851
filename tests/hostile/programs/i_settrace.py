"""Interpreter abuse: the main process installs a line tracer with sys.settrace.

The tracer only counts events.  Plain python exits 0.  A good checker: clean (exit 0), or "not
modelled" naming sys.settrace (exit 2); the tracer must not see, slow down or break the checker's
own code.

expect: exit 0 clean
expect: exit 2 not-modelled sys.settrace
"""
import multiprocessing
import sys

EVENTS = [0]


def tracer(frame, event, arg):
    EVENTS[0] += 1
    return tracer


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    sys.settrace(tracer)  # expect-line
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    with lock:
        print("main")
    p.join()
    sys.settrace(None)
    assert EVENTS[0] > 0
