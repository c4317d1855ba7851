"""Like sigterm_handler_exit_code.py but the parent terminates the worker right after start(),
without waiting for it to install its handler, and just prints the exit code.

Real CPython: the SIGTERM arrives before the handler is installed: "worker exit code -15" in
40/40 runs (fork and spawn). Exit code 3 (the handler ran first) is possible in principle but
was never seen. Exit 0 either way.

mpsim claim tested: terminate() can land before or after the child's signal.signal() call; both
exit codes are possible outcomes, and none is a finding.
"""
# family: per-process interpreter state
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
