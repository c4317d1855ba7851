"""Two workers lock the resources named in a set: one in sorted order, one in set order.

What it does: resources {"cache", "db"} each have a Lock; the reporter takes them in sorted order,
the cleaner in the set's iteration order; each holds both briefly.

Real CPython: whether the two orders differ depends on the string hash seed of the run: with some
seeds the orders agree and the run ends (exit 0); with the others the workers can deadlock
(ABBA) and the run hangs. Recorded: hangs in 11/20 runs under fork, 5/20 under spawn (the
children use the run's PYTHONHASHSEED).

mpsim claim tested: iteration order of a set of strings is not fixed: a deadlock that needs the
other order is real (mpsim runs with PYTHONHASHSEED=0 and sees one order only).
"""
# family: nondeterminism that is not scheduling
# oracle: --timeout 3
import multiprocessing

NAMES = {"cache", "db"}


def reporter(locks):
    for name in sorted(NAMES):
        locks[name].acquire()
    print("reporter: read both", flush=True)
    for name in NAMES:
        locks[name].release()


def cleaner(locks):
    for name in NAMES:
        locks[name].acquire()
    print("cleaner: cleaned both", flush=True)
    for name in NAMES:
        locks[name].release()


if __name__ == "__main__":
    locks = {name: multiprocessing.Lock() for name in NAMES}
    procs = [multiprocessing.Process(target=f, args=(locks,)) for f in (reporter, cleaner)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("done")
