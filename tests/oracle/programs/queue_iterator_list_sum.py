"""An iterator class whose __next__ calls q.get(), consumed by list() and by sum().

What it does: QueueReader yields items from a queue until a None; the parent builds
`list(QueueReader(q))` from a first batch and `sum(QueueReader(q))` over a second; the producer
sends 1, 2, 3, None, 10, 20, None.

Real CPython: prints "first batch [1, 2, 3]" and "second batch total 30", exit 0, fork and spawn.

mpsim claim tested: operations performed inside a C call (list(), sum()) whose partial result is
invisible to Python frames; state matching must not merge the states between items.
"""
# family: state a fingerprint might miss
import multiprocessing


class QueueReader:
    def __init__(self, q):
        self.q = q

    def __iter__(self):
        return self

    def __next__(self):
        item = self.q.get()
        if item is None:
            raise StopIteration
        return item


def producer(q):
    for item in (1, 2, 3, None, 10, 20, None):
        q.put(item)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()
    print(f"first batch {list(QueueReader(q))}")
    print(f"second batch total {sum(QueueReader(q))}")
    p.join()
