"""Event.wait(timeout)'s return value drives the logic: a short wait times out (False) while the
worker is still loading, a long wait sees the event (True).

What it does: the worker sleeps 0.5 s, then sets `ready`; the main block calls ready.wait(0.05)
and prints whether it was ready, then ready.wait(10) and prints again.

Real CPython: "first check: False", "second check: True", exit 0 in every run, fork and spawn.

mpsim claim tested: wait(timeout) returns False when the time runs out and True when the event is
set; a 10 s wait does not time out while the setter only sleeps 0.5 s.
"""
# family: time
# oracle: -n 40
import multiprocessing
import time


def loader(ready):
    time.sleep(0.5)
    ready.set()


if __name__ == "__main__":
    ready = multiprocessing.Event()
    p = multiprocessing.Process(target=loader, args=(ready,))
    p.start()
    print(f"first check: {ready.wait(0.05)}")
    print(f"second check: {ready.wait(10)}")
    p.join()
