"""Workers append their results to a list in a helper module; the parent reads that list.

What it does: `import _results_store`; three workers each call _results_store.add(score); after
joining them the parent prints the number of results and the best one.

Real CPython: each worker appends to its own copy of the module; the parent's list stays empty:
prints "collected 0 results" then dies with ValueError: max() arg is an empty sequence (exit 1),
under fork and spawn.

mpsim claim tested: a helper module imported with `import` is per process (its globals are not
shared between simulated processes).
"""
# family: per-process interpreter state
import multiprocessing

import _results_store


def score(word):
    _results_store.add(len(word) * 10)


if __name__ == "__main__":
    workers = [multiprocessing.Process(target=score, args=(w,)) for w in ["apple", "fig", "banana"]]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"collected {len(_results_store.RESULTS)} results")
    print(f"best score: {max(_results_store.RESULTS)}")
