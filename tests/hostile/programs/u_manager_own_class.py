"""Unsupported API (documented as such): a manager list holding an instance of the program's own
class.

Plain python: the child appends a Point, main reads its x; exit 0.  A good checker: "not
modelled" naming the manager object holding the model's own class (exit 2) - or modelled
faithfully (clean, exit 0).  Never a false finding.

expect: exit 2 not-modelled manager
expect: exit 0 clean
"""
import multiprocessing


class Point:
    def __init__(self, x):
        self.x = x


def work(shared):
    shared.append(Point(3))  # expect-line


if __name__ == "__main__":
    with multiprocessing.Manager() as m:
        shared = m.list()
        p = multiprocessing.Process(target=work, args=(shared,))
        p.start()
        p.join()
        assert shared[0].x == 3
