"""Odd object: a child dies of an exception whose __str__ raises.

Plain python: the traceback ends with "Broken: <exception str() failed>"; the child's exit code is
1.  A good checker: an exception finding (Broken) for the child - and no crash of its own while
formatting the message.

expect: exit 1 exception Broken
"""
import multiprocessing


class Broken(Exception):
    def __str__(self):
        raise RuntimeError("cannot describe myself")


def work(lock):
    with lock:
        raise Broken()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,), name="broken")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
