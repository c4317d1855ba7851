"""A call that ends its worker process (os._exit) breaks a ProcessPoolExecutor: the future's
result() raises BrokenProcessPool, and so does a later submit().

Real CPython (fork and spawn, 40 runs each): exit 0, "broken BrokenProcessPool" then "submit
BrokenProcessPool".  Expected mpsim verdict: clean.
"""
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def die():
    os._exit(3)


if __name__ == "__main__":
    ex = ProcessPoolExecutor(max_workers=1)
    try:
        ex.submit(die).result()
    except BrokenProcessPool as e:
        print("broken", type(e).__name__)
    try:
        ex.submit(print, "never")
    except BrokenProcessPool as e:
        print("submit", type(e).__name__)
    ex.shutdown()
