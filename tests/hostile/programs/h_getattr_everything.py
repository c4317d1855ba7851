"""Odd object: a class whose __getattr__ answers every attribute (a truthy object for any name),
and whose __class__ lies, held in locals while processes wait.

Plain python: exit 0.  A good checker: clean (exit 0) - asking such an object about itself
(hasattr, getattr, __class__) must not make the checker mistake it for one of its own primitives or
fail.

expect: exit 0 clean
"""
import multiprocessing


class Anything:
    def __getattr__(self, name):
        return Anything()

    def __bool__(self):
        return True

    def __call__(self, *args, **kwargs):
        return Anything()

    @property
    def __class__(self):
        return multiprocessing.Lock().__class__


def work(lock):
    ghost = Anything()
    with lock:
        print("child")
    return ghost


if __name__ == "__main__":
    ghost = Anything()
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    with lock:
        print("main")
    p.join()
