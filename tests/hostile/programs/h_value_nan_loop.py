"""Odd value: a daemon child loops for ever writing NaN into a shared Value; main reads it a few
times and exits.

Plain python: main finishes and CPython terminates the daemon; exit 0.  The child's loop is a
cycle of states that differ only by a fresh NaN object each time, so a checker that compares
states with == (or hashes NaN by identity) never sees the cycle close.  A good checker: clean
(exit 0), within the time limit.

expect: exit 0 clean
"""
import multiprocessing


def writer(v):
    while True:
        with v.get_lock():
            v.value = float("nan")


if __name__ == "__main__":
    v = multiprocessing.Value("d", 0.0)
    p = multiprocessing.Process(target=writer, args=(v,), name="nan-writer", daemon=True)
    p.start()
    for _ in range(2):
        with v.get_lock():
            x = v.value
    print("main done")
