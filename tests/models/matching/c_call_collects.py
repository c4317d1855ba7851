"""``list(it)`` collects in C what ``it.__next__`` gets from a queue: while it waits for the second
item, the first one is held by ``list`` alone.  Two producers race, so both orders are possible;
only one of them fails the check."""
import multiprocessing


class Items:
    def __init__(self, q, n):
        self.q = q
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.q.get()


def put(q, x):
    q.put(x)


if __name__ == "__main__":
    q = multiprocessing.SimpleQueue()
    producers = [multiprocessing.Process(target=put, args=(q, x)) for x in ("a", "b")]
    for p in producers:
        p.start()
    got = list(Items(q, 2))
    for p in producers:
        p.join()
    assert got == ["a", "b"], got
