"""Unsupported API: concurrent.futures.ThreadPoolExecutor in a child process.

Plain python: two threads square 1..4; exit 0.  A good checker: "not modelled" naming
ThreadPoolExecutor (exit 2).

expect: exit 2 not-modelled ThreadPoolExecutor
"""
import concurrent.futures
import multiprocessing


def square(x):
    return x * x


def work():
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:  # expect-line
        assert list(ex.map(square, [1, 2, 3, 4])) == [1, 4, 9, 16]  # its first call starts the threads  # expect-line


if __name__ == "__main__":
    p = multiprocessing.Process(target=work)
    p.start()
    p.join()
    assert p.exitcode == 0
