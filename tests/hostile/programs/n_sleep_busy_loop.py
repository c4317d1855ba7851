"""Never reaching the end: a child loops for ever around time.sleep(0.01); main joins it.

Plain python never ends.  Each sleep is a point where other processes may move, and the child's
state repeats, so a good checker reports non-termination (exit 1); a search cut short by
--time-limit (exit 3) within a second of the limit is acceptable too.

expect: exit 1 nontermination
expect: exit 3 budget
"""
import multiprocessing
import time


def poll():
    while True:
        time.sleep(0.01)


if __name__ == "__main__":
    p = multiprocessing.Process(target=poll, name="poller")
    p.start()
    p.join()
