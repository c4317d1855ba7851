"""concurrent.futures.ProcessPoolExecutor (modelled since issue 14; it was not at first).

Plain python: two real worker processes square 1..4; exit 0.  A good checker: the same (exit 0),
or "not modelled" naming ProcessPoolExecutor (exit 2) - its real processes must never be started
from inside the checker (and none may be left behind).

expect: exit 0 clean
expect: exit 2 not-modelled ProcessPoolExecutor
"""
import concurrent.futures


def square(x):
    return x * x


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as ex:  # expect-line
        assert list(ex.map(square, [1, 2, 3, 4])) == [1, 4, 9, 16]
