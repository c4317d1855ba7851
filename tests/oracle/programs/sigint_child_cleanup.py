"""The parent sends SIGINT to a worker (as Ctrl-C would); the worker catches KeyboardInterrupt and
cleans up.

What it does: the worker sets `started`, then sleeps 5 s inside try/except KeyboardInterrupt and
prints a cleanup line; the parent waits for `started`, os.kill(p.pid, SIGINT), joins, prints the
exit code.

Real CPython: "worker: interrupted, cleaning up", "exit code 0", exit 0 in 40/40 runs, fork and
spawn. (Rarely, without realruns' jitter, the signal lands while the worker is still inside
started.set() - the parent wakes as soon as set() has released its semaphore - and the
KeyboardInterrupt escapes the worker: "exit code 1"; seen once by hand, never in the recordings.)

mpsim claim tested: SIGINT raises KeyboardInterrupt in the target process where it is blocked; a
handled interrupt lets it end normally.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import os
import signal
import time


def worker(started):
    started.set()
    try:
        time.sleep(5)
        print("worker: slept", flush=True)
    except KeyboardInterrupt:
        print("worker: interrupted, cleaning up", flush=True)


if __name__ == "__main__":
    started = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(started,))
    p.start()
    started.wait()
    os.kill(p.pid, signal.SIGINT)
    p.join()
    print(f"exit code {p.exitcode}")
