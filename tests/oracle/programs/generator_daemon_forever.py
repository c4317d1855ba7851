"""Daemon workers loop forever over a generator of tasks; the main block collects 4 results
and exits, which terminates the daemons.

What it does: two daemon workers run `for task in incoming(q): results.put(...)` where incoming()
is an endless generator doing q.get(); the parent puts 4 numbers, takes 4 results, prints their
sum and ends.

Real CPython: "sum of doubles 20", exit 0, fork and spawn.

mpsim claim tested: generators performing operations inside `while True` daemons (never
merged): the search must still end without a finding (the parent exits, the daemons are
terminated).
"""
# family: state a fingerprint might miss
import multiprocessing


def incoming(q):
    while True:
        yield q.get()


def worker(q, results):
    for task in incoming(q):
        results.put(task * 2)


if __name__ == "__main__":
    q, results = multiprocessing.Queue(), multiprocessing.Queue()
    for _ in range(2):
        multiprocessing.Process(target=worker, args=(q, results), daemon=True).start()
    for n in (1, 2, 3, 4):
        q.put(n)
    print(f"sum of doubles {sum(results.get() for _ in range(4))}")
