"""Order of the parent's and a child's stdout lines when stdout is a pipe (block-buffered).

    python docs/probes/output_order.py METHOD MODE | cat

MODE
  sync       parent prints P1, starts the child (child prints C1 and waits on an Event), parent
             prints P2 and sets the event, child prints C2 and returns, parent joins and prints P3.
             Causal (real-time) order: P1 C1 P2 C2 P3.
  flush      the same with print(..., flush=True) everywhere.
  osexit     the child prints C1 and then calls os._exit(0).
  terminate  the child prints C1, then blocks; the parent terminate()s it.
  daemon     a daemonic child prints C1 and blocks; the parent ends (its exit terminates it).
  big        runs this probe again in a subprocess (mode bigwrite, stdout a pipe) in which parent
             and child each print 3000 lines of 40 characters at the same time (a short sleep
             every 100 lines), and reports how many lines came out broken (not exactly one
             process's line) and how often the output switched between the two processes.
Run it with stdout a pipe (realruns does this); run it with PYTHONUNBUFFERED=1 or python -u to
see unbuffered behaviour.
"""
import os
import sys
import time

import multiprocessing as mp


def write_lines(tag, fill):
    for i in range(3000):
        print(f"{tag}{i:05d}" + fill * 34)
        if i % 100 == 0:
            time.sleep(0.001)


def big(method):
    import re
    import subprocess
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    out = subprocess.run([sys.executable, __file__, method, "bigwrite"], env=env,
                         stdout=subprocess.PIPE, text=True, check=True).stdout.splitlines()
    good = [x for x in out if re.fullmatch(r"P\d{5}p{34}|C\d{5}c{34}", x)]
    switches = sum(1 for a, b in zip(out, out[1:]) if a[:1] != b[:1])
    print(f"{len(out)} lines, {len(out) - len(good)} broken, {switches} switches between processes")


def child(mode, ev):
    fl = mode == "flush"
    if mode == "bigwrite":
        write_lines("C", "c")
        return
    print("C1 child started", flush=fl)
    if mode == "osexit":
        os._exit(0)
    if mode in ("terminate", "daemon"):
        time.sleep(30)
    ev.wait()
    print("C2 child after ev.wait()", flush=fl)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)  # usage
    method, mode = sys.argv[1:3]
    mp.set_start_method(method)
    fl = mode == "flush"
    ev = mp.Event()
    if mode == "big":
        big(method)
        sys.exit(0)
    if mode == "bigwrite":
        p = mp.Process(target=child, args=(mode, ev))
        p.start()
        write_lines("P", "p")
        p.join()
        sys.exit(0)
    print("P1 parent before start()", flush=fl)
    p = mp.Process(target=child, args=(mode, ev), daemon=(mode == "daemon"))
    p.start()
    time.sleep(0.5)
    print("P2 parent before ev.set()", flush=fl)
    ev.set()
    if mode == "terminate":
        p.terminate()
    if mode != "daemon":
        p.join()
    print(f"P3 parent after join(), child exit code {p.exitcode}", flush=fl)
