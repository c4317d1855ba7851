"""A deep recursive walk in a worker after the main block raised the recursion limit.

What it does: the main block calls sys.setrecursionlimit(5000); the worker builds a 3000-deep
nested list and measures its depth with a recursive function.

Real CPython: fork - the child inherits the limit: prints "depth 3000", exit code 0. spawn - the
fresh interpreter has the default limit 1000: RecursionError: maximum recursion depth exceeded,
exit code 1. (Also: the recursion itself is deep for a simulator running the child on a greenlet.)

mpsim claim tested: the recursion limit is per process; deep recursion inside a simulated process.
"""
# family: per-process interpreter state
import multiprocessing
import sys


def depth(node):
    if not node:
        return 0
    return 1 + depth(node[0])


def nested(n):
    tree = []
    for _ in range(n):
        tree = [tree]
    return tree


def worker(n):
    print(f"depth {depth(nested(n))}")


if __name__ == "__main__":
    sys.setrecursionlimit(5000)
    p = multiprocessing.Process(target=worker, args=(3000,))
    p.start()
    p.join()
    print(f"exit code {p.exitcode}")
