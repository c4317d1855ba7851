"""Functions that start processes, the way a project's tests call its code: checked by
``mpsim.testing.check`` as programs (tests/test_testing.py).

``abba()`` deadlocks (two workers take two locks in opposite orders); ``fine(n)`` starts ``n``
workers that each add one under a lock, and checks the total.
"""
import multiprocessing


def _take(first, second):
    with first:
        with second:
            pass


def abba():
    a, b = multiprocessing.Lock(), multiprocessing.Lock()
    workers = [multiprocessing.Process(target=_take, args=(a, b)),
               multiprocessing.Process(target=_take, args=(b, a))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def _add(total):
    with total.get_lock():
        total.value += 1


def fine(n):
    total = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=_add, args=(total,)) for _ in range(n)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert total.value == n, total.value
