"""Odd value: a daemon child loops for ever writing NaN into a shared Value; main waits until it
runs, reads the value a few times and exits.  (Main waits so that the daemon is never still
starting when main's exit unlinks the named semaphores: under spawn such a daemon can die of
FileNotFoundError - docs/semantics.md section 20 - a real outcome this program is not about.)

Plain python: main finishes and CPython terminates the daemon; exit 0.  The child's loop is a
cycle of states that differ only by a fresh NaN object each time, so a checker that compares
states with == (or hashes NaN by identity) never sees the cycle close.  A good checker: clean
(exit 0), within the time limit.

expect: exit 0 clean
"""
import multiprocessing


def writer(v, running):
    running.set()
    while True:
        with v.get_lock():
            v.value = float("nan")


if __name__ == "__main__":
    v = multiprocessing.Value("d", 0.0)
    running = multiprocessing.Event()
    p = multiprocessing.Process(target=writer, args=(v, running), name="nan-writer", daemon=True)
    p.start()
    running.wait()
    for _ in range(2):
        with v.get_lock():
            x = v.value
    print("main done")
