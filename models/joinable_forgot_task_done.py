"""A JoinableQueue whose consumer forgets task_done().

Teaches: JoinableQueue.join() waits until every item that was put has been marked done with
task_done() - getting an item is not enough.  The consumer here gets every item but never calls
task_done(), so the producer's q.join() waits for ever (and the consumer, a daemon waiting for
more work, never ends it).  The fix (argument `fixed`): call q.task_done() after handling each
item.

Expected mpsim verdicts:
  (default) -> deadlock: MainProcess in q.join(), the consumer in q.get()
  fixed     -> no problem

Usage: python joinable_forgot_task_done.py [fixed]
"""
import multiprocessing
import sys


def consumer(q, fixed):
    while True:
        item = q.get()
        print("handled", item)
        if fixed:
            q.task_done()


if __name__ == "__main__":
    if sys.argv[1:] not in ([], ["fixed"]):
        sys.exit("usage: python joinable_forgot_task_done.py [fixed]")
    fixed = sys.argv[1:] == ["fixed"]
    q = multiprocessing.JoinableQueue()
    c = multiprocessing.Process(target=consumer, args=(q, fixed), daemon=True)
    c.start()
    for item in range(2):
        q.put(item)
    q.join()
    print("all items handled")
