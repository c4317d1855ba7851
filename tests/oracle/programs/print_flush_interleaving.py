"""Parent and children print with flush=True, each three lines, with no synchronisation.

Real CPython: lines interleave in many orders (each process's own lines in order); exit 0.

mpsim claim tested: "outcomes" contain all the interleavings real runs show (a print is not an
interleaving point in mpsim, README "Known limits").
"""
# family: output order
import multiprocessing


def worker(n):
    for step in range(3):
        print(f"worker {n}: step {step}", flush=True)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=worker, args=(n,)) for n in (1, 2)]
    for p in procs:
        p.start()
    for step in range(3):
        print(f"main: step {step}", flush=True)
    for p in procs:
        p.join()
