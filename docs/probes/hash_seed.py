"""Hash seeds of children: does each child hash strings (and order sets) like its parent?

    python docs/probes/hash_seed.py [fork|spawn|forkserver]

The parent and three children print hash('abc') and the iteration order of a set of ten short
strings, then the parent says which children match it and each other. Run it directly, once
without and once with PYTHONHASHSEED in the environment (e.g. PYTHONHASHSEED=0); note that
realruns.py sets a PYTHONHASHSEED of its own for every run.
"""
import os
import sys

import multiprocessing as mp

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]


def fingerprint():
    return hash("abc"), "".join(w[0] for w in set(WORDS))


def child(q, i):
    q.put((i, fingerprint()))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        mp.set_start_method(sys.argv[1])
    mine = fingerprint()
    q = mp.Queue()
    procs = [mp.Process(target=child, args=(q, i)) for i in range(3)]
    for p in procs:
        p.start()
    got = dict(q.get() for _ in procs)
    for p in procs:
        p.join()
    print(f"PYTHONHASHSEED={os.environ.get('PYTHONHASHSEED')!r}; parent set order {mine[1]}; "
          f"children {[got[i][1] for i in range(3)]}")
    print(f"children hashing like the parent: {sum(got[i] == mine for i in range(3))} of 3; "
          f"distinct child hash seeds: {len({got[i] for i in range(3)})}")
