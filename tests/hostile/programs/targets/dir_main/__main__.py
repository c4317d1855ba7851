"""__main__.py of a directory: `python targets/dir_main` runs this (see ../../o_dir_main.py).

The ABBA deadlock, with the fork start method (under spawn CPython does not re-import a
__main__.py in the child).
"""
import multiprocessing


def worker(first, second):
    with first:
        with second:
            pass


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    a, b = multiprocessing.Lock(), multiprocessing.Lock()
    p1 = multiprocessing.Process(target=worker, args=(a, b), name="ab")
    p2 = multiprocessing.Process(target=worker, args=(b, a), name="ba")
    p1.start()
    p2.start()
    p1.join()
    p2.join()
