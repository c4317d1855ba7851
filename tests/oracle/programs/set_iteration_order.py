"""A worker prints the members of a set of strings in iteration order.

What it does: a spawned/forked worker iterates `{"alpha", "beta", "gamma", "delta"}` and prints
the names on one line; the parent prints the sorted names.

Real CPython: the worker's order depends on the string hash seed (PYTHONHASHSEED, different in
every realruns run; without it, random per interpreter, so a spawned child may even differ from
its parent): several different orders over 20 runs; exit 0.

mpsim claim tested: string hashing is a source of nondeterminism that is not scheduling; the
"outcomes" should contain every order a real run shows (mpsim runs with PYTHONHASHSEED=0).
"""
# family: nondeterminism that is not scheduling
import multiprocessing

TEAMS = {"alpha", "beta", "gamma", "delta"}


def worker():
    print("worker order:", " ".join(TEAMS), flush=True)


if __name__ == "__main__":
    p = multiprocessing.Process(target=worker)
    p.start()
    p.join()
    print("sorted:", " ".join(sorted(TEAMS)))
