"""A child writes to its standard output without print: os.write(1, ...) and sys.__stdout__.

Real CPython: both lines come out (descriptor 1 is the terminal or pipe the parent has), then the
parent's "done".  Usage: python os_write_output.py fork|spawn
"""
import multiprocessing
import os
import sys


def child():
    os.write(1, b"from child\n")
    print("via __stdout__", file=sys.__stdout__, flush=True)


if __name__ == "__main__":
    multiprocessing.set_start_method(sys.argv[1])
    p = multiprocessing.Process(target=child)
    p.start()
    p.join()
    print("done")
