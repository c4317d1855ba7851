"""Unsupported API: a custom class registered on the manager that multiprocessing.Manager()
returns (SyncManager.register), then created through Manager().

Plain python: the server owns a Tally; two children add to it through proxies; main sees 5;
exit 0.  A good checker: "not modelled" naming register or SyncManager (exit 2) - never an
AttributeError blamed on the program.

expect: exit 2 not-modelled register
expect: exit 2 not-modelled SyncManager
"""
import multiprocessing
from multiprocessing.managers import SyncManager  # expect-line


class Tally:
    def __init__(self):
        self.total = 0

    def add(self, n):
        self.total += n

    def get(self):
        return self.total


SyncManager.register("Tally", Tally)  # expect-line


def work(tally, n):
    tally.add(n)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        tally = manager.Tally()  # expect-line
        procs = [multiprocessing.Process(target=work, args=(tally, n)) for n in (2, 3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        assert tally.get() == 5, tally.get()
