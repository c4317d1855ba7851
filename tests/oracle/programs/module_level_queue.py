"""A results Queue created at module level and used by the workers as a global.

What it does: `results = multiprocessing.Queue()` at module level; each worker puts into the
global `results`; the parent gets two results.

Real CPython: fork - the children inherit the parent's queue: "got 2 results: [1, 4]" (in any
order), exit 0. spawn - each child re-imports the module and creates its own new Queue: the parent
waits in results.get() forever (every run hangs). forkserver: hangs like spawn.

mpsim claim tested: module-level code (creating a primitive) re-runs in a spawned child; the
parent's get() can then never return (deadlock).
"""
# family: start methods
# oracle: --timeout 3 --forkserver
import multiprocessing

results = multiprocessing.Queue()


def square(n):
    results.put(n * n)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=square, args=(n,)) for n in (1, 2)]
    for p in procs:
        p.start()
    got = sorted(results.get() for _ in procs)
    print(f"got {len(got)} results: {got}")
    for p in procs:
        p.join()
