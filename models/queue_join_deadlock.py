"""Joining a process before taking what it put into a Queue (the Python docs' example).

Teaches: Queue.put() only hands the object to a feeder thread of the putting process, which
writes it into an OS pipe; a process does not exit until its feeder has written everything it
put.  The pipe holds 64 KiB, so a child that put a big object (here a million-character string)
cannot finish until someone reads it - and the main process, which joins the child before
calling get(), never reads it.  Both wait for each other for ever.  The fix (argument `fixed`):
get() the items before joining the process that put them.

Expected mpsim verdicts:
  (default) -> deadlock: MainProcess in p.join(), the child at exit waiting for its feeder thread
  fixed     -> no problem

Usage: python queue_join_deadlock.py [fixed]
"""
import multiprocessing
import sys


def f(q):
    q.put('X' * 1000000)


if __name__ == '__main__':
    if sys.argv[1:] not in ([], ["fixed"]):
        sys.exit("usage: python queue_join_deadlock.py [fixed]")
    fixed = sys.argv[1:] == ["fixed"]
    queue = multiprocessing.Queue()
    p = multiprocessing.Process(target=f, args=(queue,))
    p.start()
    if fixed:
        obj = queue.get()
        p.join()
    else:
        p.join()                    # this deadlocks
        obj = queue.get()
    print("got", len(obj), "characters")
