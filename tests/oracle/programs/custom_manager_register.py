"""The docs' custom manager pattern: BaseManager.register a class and share one instance.

What it does: registers a Counter class with a custom manager; two workers call
counter.increment() 5 times each through the proxy; the parent prints the value.

Real CPython: "counter 10" (each proxy call runs in the manager's server, one at a time), exit 0,
fork and spawn.

mpsim claim tested: custom managers (README: not modelled yet, so mpsim should say so - exit 2).
"""
# family: other real-world code
import multiprocessing
from multiprocessing.managers import BaseManager


class Counter:
    def __init__(self):
        self.value = 0

    def increment(self):
        self.value += 1

    def get(self):
        return self.value


class CounterManager(BaseManager):
    pass


CounterManager.register("Counter", Counter)


def worker(counter):
    for _ in range(5):
        counter.increment()


if __name__ == "__main__":
    with CounterManager() as manager:
        counter = manager.Counter()
        procs = [multiprocessing.Process(target=worker, args=(counter,)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print(f"counter {counter.get()}")
