"""A worker puts a lambda into a Queue: put() returns, the feeder thread fails to pickle it (a
traceback on the child's stderr) and the item never arrives.

What it does: the worker puts `lambda x: x + 1`; the parent waits with q.get(timeout=1) and
reports queue.Empty.

Real CPython: the parent prints "nothing arrived", exit 0 in 40/40 runs, fork and spawn; the
child prints no traceback either: by the time its feeder thread fails to pickle the lambda the
child is exiting, and CPython's feeder then only logs the error (util.info).

mpsim claim tested: Queue.put pickles in the feeder thread, not in put(): the error is not raised
to the caller, and the item is lost.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import queue


def worker(q):
    q.put(lambda x: x + 1)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q,))
    p.start()
    try:
        q.get(timeout=1)
        print("got a function")
    except queue.Empty:
        print("nothing arrived")
    p.join()
