# -*- coding: latin-1 -*-
"""Odd but legal: a Latin-1 source file with a PEP 263 coding declaration on line 1.

Plain python runs it (GREETING is "café").  A good checker reads the file as Python does and
checks it: one process, a lock taken and released - clean (exit 0).

expect: exit 0 clean
"""
import multiprocessing

GREETING = "café"
if __name__ == "__main__":
    lock = multiprocessing.Lock()
    with lock:
        assert GREETING == "caf\u00e9", GREETING
        print(GREETING)
