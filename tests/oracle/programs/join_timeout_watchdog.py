"""A watchdog: join a slow worker with a 0.3 s timeout and terminate it if it is still alive.

What it does: the worker sleeps 2 s; the parent joins with timeout=0.3, then terminates and joins.

Real CPython: "worker too slow, terminating", "exit code -15", exit 0, fork and spawn.

mpsim claim tested: a 0.3 s timeout fires before a 2 s sleep ends; terminate() gives -15.
"""
# family: time
import multiprocessing
import time


def slow_job():
    time.sleep(2)
    print("slow job finished")


if __name__ == "__main__":
    p = multiprocessing.Process(target=slow_job)
    p.start()
    p.join(timeout=0.3)
    if p.is_alive():
        print("worker too slow, terminating")
        p.terminate()
        p.join()
    print(f"exit code {p.exitcode}")
