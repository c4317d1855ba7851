"""The parent terminates a child right after start(), before the child has installed its SIGTERM
handler (or after: CPython does not say which comes first).

Real CPython 3.11 (40 runs each, fork and spawn, tests/oracle/programs/sigterm_handler_race.py):
"worker exit code -15" every time - the signal lands before the child runs any Python code.
Exit code 3 (the handler ran first) is possible too, only rarer.
"""
import multiprocessing
import signal
import sys
import time


def on_sigterm(signum, frame):
    print("worker: saving before exit")
    sys.exit(3)


def worker():
    signal.signal(signal.SIGTERM, on_sigterm)
    while True:
        time.sleep(0.1)


if __name__ == "__main__":
    p = multiprocessing.Process(target=worker)
    p.start()
    p.terminate()
    p.join()
    print(f"worker exit code {p.exitcode}")
