"""A worker reads tasks through a generator that performs the q.get() and stops at None.

What it does: `def tasks(q): while True: t = q.get(); if t is None: return; yield t`; the worker
does `for t in tasks(q): results.put(t * t)`; the parent sends 1, 2, 3, None and prints the
squares.

Real CPython: "squares [1, 4, 9]", exit 0, fork and spawn.

mpsim claim tested: a generator whose frame performs operations (README: generators are never
merged; the search must still finish).
"""
# family: state a fingerprint might miss
import multiprocessing


def tasks(q):
    while True:
        t = q.get()
        if t is None:
            return
        yield t


def worker(q, results):
    for t in tasks(q):
        results.put(t * t)


if __name__ == "__main__":
    q, results = multiprocessing.Queue(), multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q, results))
    p.start()
    for t in (1, 2, 3, None):
        q.put(t)
    print(f"squares {[results.get() for _ in range(3)]}")
    p.join()
