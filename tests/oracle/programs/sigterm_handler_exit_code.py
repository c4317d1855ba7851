"""A worker installs a SIGTERM handler that saves its work and exits with code 3; the parent
terminate()s it and checks for that clean-shutdown code.

What it does: the worker installs the handler, sets `ready` and sleeps in a loop; the parent waits
for `ready`, calls terminate(), joins, and raises RuntimeError unless the exit code is 3.

Real CPython: the handler runs (prints "worker: saving before exit") and sys.exit(3) gives exit
code 3; the parent prints "worker shut down cleanly". Exit 0 under fork and spawn.

mpsim claim tested: signal handlers are per process; terminate() delivers SIGTERM to the child's
own handler, and the exit code is the one the handler chooses (not -15).
"""
# family: per-process interpreter state
import multiprocessing
import signal
import sys
import time


def on_sigterm(signum, frame):
    print("worker: saving before exit")
    sys.exit(3)


def worker(ready):
    signal.signal(signal.SIGTERM, on_sigterm)
    ready.set()
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    ready = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(ready,))
    p.start()
    ready.wait()
    p.terminate()
    p.join()
    if p.exitcode != 3:
        raise RuntimeError(f"worker did not shut down cleanly: exit code {p.exitcode}")
    print("worker shut down cleanly")
