"""A child prints (without flush) and is then terminate()d while it sleeps.

What it does: the worker prints "worker: step 1 done", sets `started`, then sleeps 5 s; the
parent waits for `started`, terminates the worker, prints its exit code.

Real CPython: stdout is a pipe, so the worker's line is still in its buffer when SIGTERM kills it:
the line never appears. Output: "main: worker exit code -15" only. Exit 0, fork and spawn.

mpsim claim tested: the final stdout ("outcomes") of a process killed by a signal loses what it
had not flushed.
"""
# family: output order
import multiprocessing
import time


def worker(started):
    print("worker: step 1 done")
    started.set()
    time.sleep(5)
    print("worker: step 2 done")


if __name__ == "__main__":
    started = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(started,))
    p.start()
    started.wait()
    p.terminate()
    p.join()
    print(f"main: worker exit code {p.exitcode}")
