"""A slow worker and a patient main process: time.sleep and a get with a timeout.

Teaches: timeouts.  The worker needs a second for its job; main waits up to
two seconds for the result.  On mpsim's one clock that is enough - every run
prints the result - but a timeout is a bet on how fast the other process is:
if the worker is held up (a busy machine, a slow start), the get times out
and queue.Empty ends main.  mpsim reports that as a timing-dependent finding,
with the delay it needs.

Expected mpsim verdict: queue.Empty in MainProcess, timing-dependent (only
if worker is held up for a second or two).  And, as in CPython, a worker held
up until main has exited cannot rebuild the queue main has let go of: a
FileNotFoundError in worker, timing-dependent too.

Usage: python slow_worker.py [seconds]   (seconds main waits, default 2)
"""
import multiprocessing
import sys
import time

USAGE = "usage: python slow_worker.py [seconds]   (seconds: positive number, default 2)"


def worker(results):
    time.sleep(1)  # the job takes a second
    results.put("the answer is 42")


def parse_args(args):
    if len(args) > 1:
        return None
    if not args:
        return 2.0
    try:
        patience = float(args[0])
    except ValueError:
        return None
    return patience if patience > 0 else None


if __name__ == "__main__":
    patience = parse_args(sys.argv[1:])
    if patience is None:
        print(USAGE, file=sys.stderr)
        sys.exit(2)

    results = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(results,), name="worker")
    p.start()
    print("got:", results.get(timeout=patience))
    p.join()
