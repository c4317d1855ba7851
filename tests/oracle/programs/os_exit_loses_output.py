"""A child prints without flushing and ends with os._exit(0): its buffered output is lost when
stdout is a pipe (os._exit skips the interpreter's flush).

What it does: the worker prints "worker: saved 3 records" (no flush) and calls os._exit(0); a
second worker prints the same way but returns normally; the parent joins both and prints their
exit codes.

Real CPython (stdout a pipe): "worker b: saved 3 records" and "exit codes [0, 0]" only; worker
a's line never appears, fork and spawn.

mpsim claim tested: os._exit drops what the process had not flushed; a normal return flushes.
"""
# family: output order
# oracle: -n 40
import multiprocessing
import os


def worker(name, hard_exit):
    print(f"worker {name}: saved 3 records")
    if hard_exit:
        os._exit(0)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=worker, args=("a", True)),
             multiprocessing.Process(target=worker, args=("b", False))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"exit codes {[p.exitcode for p in procs]}")
