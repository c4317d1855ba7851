"""A child started with a Condition reads an attribute its parent set on it.  Under spawn CPython
pickles a Condition's lock and semaphores, not its attributes: the child dies of AttributeError.
Under fork it has a copy of its parent's memory and prints the attribute.  (The replay used to send
the object's whole ``__dict__``, so the attribute reached the child there - a correct prediction
was reported as not reproduced.)"""
import multiprocessing
import sys


def child(cond):
    with cond:
        print("the child sees", cond.tag)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        multiprocessing.set_start_method(sys.argv[1])
    cond = multiprocessing.Condition()
    cond.tag = "set by the parent"
    p = multiprocessing.Process(target=child, args=(cond,), name="child")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
