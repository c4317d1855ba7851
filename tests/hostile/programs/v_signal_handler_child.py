"""Process-level violence: a child installs a SIGTERM handler; the parent calls p.terminate().

The handler turns SIGTERM into sys.exit(7), so plain python reports p.exitcode == 7 and exits 0.
A good checker models signal handlers (clean, exit 0) or says "not modelled" naming signal.signal
(exit 2).  The handler must never be installed in mpsim's own process.

expect: exit 2 not-modelled signal.signal
expect: exit 0 clean
"""
import multiprocessing
import signal
import sys


def on_term(signum, frame):
    sys.exit(7)


def worker(ready, never):
    signal.signal(signal.SIGTERM, on_term)  # expect-line
    ready.set()
    never.wait()


if __name__ == "__main__":
    ready, never = multiprocessing.Event(), multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(ready, never), name="handler")
    p.start()
    ready.wait()
    p.terminate()
    p.join()
    assert p.exitcode == 7, p.exitcode
    print("the handler chose exit code 7")
