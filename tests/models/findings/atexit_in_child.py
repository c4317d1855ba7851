"""A module-level atexit callback that reports what the main block collected.

Under spawn each child imports this module again, registers the callback too and runs it at its
exit with an empty list: ZeroDivisionError, printed as "Exception ignored in atexit callback"
(the child's exit code stays 0).  Under fork the child leaves with os._exit and runs no callback.
"""
import atexit
import multiprocessing

TIMINGS = []


def report():
    print(f"average {sum(TIMINGS) / len(TIMINGS):.2f} s")


atexit.register(report)


def job(results):
    results.put(0.25)


if __name__ == "__main__":
    results = multiprocessing.Queue()
    p = multiprocessing.Process(target=job, args=(results,))
    p.start()
    TIMINGS.append(results.get())
    p.join()
