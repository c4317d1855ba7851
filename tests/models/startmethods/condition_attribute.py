"""The program of issue 15: an attribute set on a Condition in the parent, a child changes it,
the parent waits for the change.

Under fork the child changes its own copy of the Condition object, so the parent waits for ever:
a deadlock. Under spawn and forkserver the Condition reaches the child pickled, without the
attribute: the child dies of AttributeError (and the parent then waits for ever too).
"""
import multiprocessing


def worker(cond):
    with cond:
        cond.done += 1
        cond.notify()


if __name__ == "__main__":
    cond = multiprocessing.Condition()
    cond.done = 0
    p = multiprocessing.Process(target=worker, args=(cond,))
    p.start()
    with cond:
        cond.wait_for(lambda: cond.done == 1)
    p.join()
    print("the worker is done")
