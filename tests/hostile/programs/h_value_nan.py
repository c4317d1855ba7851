"""Odd value: Value('d') holding NaN, written by a child, read by main.

Plain python: main sees NaN after the join; exit 0.  A good checker: clean (exit 0) - NaN is not
equal to itself, which must not confuse the checker's comparison of states.

expect: exit 0 clean
"""
import math
import multiprocessing


def work(v):
    with v.get_lock():
        v.value = float("nan")


if __name__ == "__main__":
    v = multiprocessing.Value("d", 0.0)
    p = multiprocessing.Process(target=work, args=(v,), name="nan-writer")
    p.start()
    p.join()
    assert math.isnan(v.value), v.value
