"""A retry loop calls start() again on a Process object that has already run.

What it does: p.start(); p.join(); then, as a "retry", p.start() again.

Real CPython: the second start() raises AssertionError: cannot start a process twice in the
parent (exit 1), after "attempt 1 done", fork and spawn.

mpsim claim tested: a Process object can be started once; CPython's assertion in the parent.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def job():
    pass


if __name__ == "__main__":
    p = multiprocessing.Process(target=job)
    for attempt in (1, 2):
        p.start()
        p.join()
        print(f"attempt {attempt} done", flush=True)
