"""A process pool running ten small tasks (the tutorial's Pool example).

Teaches: a Pool keeps a fixed set of worker processes and hands each submitted task to whichever
worker is free, so ten tasks run on only four processes: every line names one of four process
ids.  apply_async() returns at once; close() says no more tasks will come and join() waits until
every submitted task has run.  Which worker runs which task, and the order of the lines, change
from run to run.

Expected mpsim verdict: no problem (no deadlock, no exception, terminates).  `mpsim run` on a
schedule that runs the whole program prints "main process starting....", the ten lines
"N is now running, process id: PID" (in some order, with at most four distinct PIDs) and
"main process stoping....".  As information (not a problem) mpsim notes that a line such as
"0 is now running, process id: 1001" is not printed on every run: another worker may run task 0.

Usage: python pool_basic.py [PROCESSES TASKS]   (defaults: 4 10, the tutorial's sizes)
"""
import multiprocessing
import os
import sys

USAGE = "usage: python pool_basic.py [PROCESSES TASKS]   (PROCESSES >= 1, TASKS >= 0; default 4 10)"


def worker(msg):
    print("%s is now running, process id: %s" % (msg, os.getpid()))


if __name__ == "__main__":
    try:
        processes, tasks = [int(a) for a in sys.argv[1:]] or [4, 10]
    except ValueError:
        sys.exit(USAGE)
    if processes < 1 or tasks < 0:
        sys.exit(USAGE)
    po = multiprocessing.Pool(processes)
    for i in range(tasks):
        po.apply_async(worker, args=(i,))

    print("main process starting....")
    po.close()
    po.join()
    print("main process stoping....")
