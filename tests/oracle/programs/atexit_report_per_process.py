"""A module-level atexit handler that reports statistics collected by the main block.

What it does: at import the module registers report(), which prints the average job time from the
global TIMINGS list; the main block fills TIMINGS from a worker's results.

Real CPython: the main process prints "average 0.20 s" at exit. Under spawn the re-imported module
registers the handler in the child too, and the child runs atexit handlers when it exits (spawn's
child ends with sys.exit): its TIMINGS is empty, so it prints a traceback ending in
ZeroDivisionError: division by zero (the child's exit code stays 0). Under fork the child leaves
with os._exit and runs no atexit handler. forkserver: like fork (no atexit in the child).

mpsim claim tested: atexit handlers are per process and run (or not) as the start method dictates.
"""
# family: per-process interpreter state
# oracle: --forkserver
import atexit
import multiprocessing

TIMINGS = []


def report():
    print(f"average {sum(TIMINGS) / len(TIMINGS):.2f} s")


atexit.register(report)


def job(results):
    results.put(0.25)
    results.put(0.15)


if __name__ == "__main__":
    results = multiprocessing.Queue()
    p = multiprocessing.Process(target=job, args=(results,))
    p.start()
    TIMINGS.append(results.get())
    TIMINGS.append(results.get())
    p.join()
    print(f"main: {len(TIMINGS)} timings")
