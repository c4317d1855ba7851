"""Clocks across start(): can a child read an earlier time than its parent read before start()?

    python docs/probes/clocks.py [fork|spawn|forkserver]

The parent reads time.monotonic(), time.time(), time.perf_counter() and time.process_time()
just before each of 5 start()s; the child reads the same clocks first thing in its target and
sends them back. Printed: for each clock, how many of the 5 children read a smaller value than
the parent's pre-start reading; and whether each child's own process_time() (its CPU time) at the
start of its target was below 20 ms (it counts from 0 in a new process, fork included).
"""
import sys
import time

import multiprocessing as mp

CLOCKS = ("monotonic", "time", "perf_counter", "process_time")


def read():
    return {c: getattr(time, c)() for c in CLOCKS}


def child(q):
    q.put(read())


if __name__ == "__main__":
    if len(sys.argv) > 1:
        mp.set_start_method(sys.argv[1])
    q = mp.Queue()
    pairs = []
    for _ in range(5):
        p = mp.Process(target=child, args=(q,))
        before = read()
        p.start()
        pairs.append((before, q.get()))
        p.join()
    for c in CLOCKS[:3]:
        diffs = [(ch[c] - pa[c]) * 1000 for pa, ch in pairs]
        print(f"{c}: child earlier than parent in {sum(d < 0 for d in diffs)} of 5; "
              f"min child-parent {'>= 0' if min(diffs) >= 0 else 'negative'}")
    small = sum(ch["process_time"] < 0.020 for _, ch in pairs)
    print(f"process_time: child's own CPU time below 20 ms at target start in {small} of 5; "
          f"parent's at its last start() {'>=' if pairs[-1][0]['process_time'] >= 0.020 else '<'} 20 ms")
