"""The main block starts three workers and a daemon ticker and ends without joining anything.

What it does: workers sleep 0.1 s and print; the daemon prints "tick" every 0.05 s; main prints
"main: bye" right away.

Real CPython: "main: bye", then the three workers' lines in any order (multiprocessing joins
non-daemon children at exit); the daemon is terminated at that point. Recorded: under fork the
daemon's first "tick" comes before "main: bye" in 20/20 runs and no second tick ever shows; under
spawn (slow start-up) the daemon never printed at all. Exit 0.

mpsim claim tested: the exit rule (non-daemon children joined, daemons terminated) for a main that
never joins; no finding.
"""
# family: per-process interpreter state
import multiprocessing
import time


def worker(n):
    time.sleep(0.1)
    print(f"worker {n}: finished", flush=True)


def ticker():
    while True:
        print("tick", flush=True)
        time.sleep(0.05)


if __name__ == "__main__":
    multiprocessing.Process(target=ticker, daemon=True).start()
    for n in range(3):
        multiprocessing.Process(target=worker, args=(n,)).start()
    print("main: bye", flush=True)
