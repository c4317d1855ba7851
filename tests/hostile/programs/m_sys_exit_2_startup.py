"""Malformed input: the program calls sys.exit(2) at start-up, before doing anything.

Plain python exits with status 2 and nothing else happens: no process, no lock.  A good checker
does not call that "no problems" as if a concurrent program had been checked; it says the program
stopped with exit code 2 before any multiprocessing operation - as a finding (exit 1) or as a
usage/model error (exit 2).

expect: exit 1 finding
expect: exit 2 model-error
"""
import multiprocessing
import sys

sys.exit(2)

if __name__ == "__main__":
    lock = multiprocessing.Lock()
    with lock:
        print("never reached")
