"""A list shared through a Manager, filled by pool workers (the tutorial's Manager example).

Teaches: processes do not share memory.  A Manager's list lives in the manager's server process;
each worker gets a proxy to it, so every append() is seen by the others and by the main process:
it prints "[] 1", "[1] 2", "[1, 2] 3" and finally "[1, 2, 3]".  With a plain list (argument
`plain`) each task gets its own pickled copy of the list: the appends are lost and it prints
"[] 1", "[] 2", "[] 3" and "[]".  Pool.apply() waits for each task, so the order is fixed.

Expected mpsim verdict: no problem in either form, and every run prints exactly the lines above.

Usage: python manager_list.py [plain]
"""
import multiprocessing
import sys

USAGE = "usage: python manager_list.py [plain]"


def f(list, x):
    print(list, x)
    list.append(x)


if __name__ == '__main__':
    if sys.argv[1:] not in ([], ["plain"]):
        sys.exit(USAGE)
    manager = multiprocessing.Manager()
    mag_list = manager.list([]) if not sys.argv[1:] else []

    with multiprocessing.Pool(4) as p:
        for item in [1, 2, 3]:
            p.apply(f, args=(mag_list, item))
        p.close()
    print(mag_list)
