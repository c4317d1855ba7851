"""Unsupported API: a custom manager, BaseManager.register of the program's own class.

Plain python: the manager's server owns a Counter; two children increment it through proxies;
main sees 2; exit 0.  A good checker: "not modelled" naming register (exit 2), or naming
BaseManager where the program imports it.

expect: exit 2 not-modelled register
expect: exit 2 not-modelled BaseManager
"""
import multiprocessing
from multiprocessing.managers import BaseManager  # expect-line


class Counter:
    def __init__(self):
        self.n = 0

    def incr(self):
        self.n += 1

    def value(self):
        return self.n


class MyManager(BaseManager):
    pass


MyManager.register("Counter", Counter)  # expect-line


def work(counter):
    counter.incr()


if __name__ == "__main__":
    with MyManager() as m:
        c = m.Counter()
        ps = [multiprocessing.Process(target=work, args=(c,)) for _ in range(2)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        assert c.value() == 2
