"""Workers report os.getpid() and os.getppid() back to the parent, which checks them.

What it does: two workers put (getpid(), getppid()) into a queue; the main block checks that the
pids differ from its own and from each other and that each worker's parent is the main process.

Real CPython: "distinct pids: True", "parent is main: True", exit 0 in every run, fork and spawn.

mpsim claim tested: each simulated process has its own pid, and a child's getppid() is its
parent's getpid().
"""
# family: per-process interpreter state
# oracle: -n 40
import multiprocessing
import os


def report(q):
    q.put((os.getpid(), os.getppid()))


if __name__ == "__main__":
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=report, args=(q,)) for _ in range(2)]
    for p in procs:
        p.start()
    got = [q.get() for _ in procs]
    for p in procs:
        p.join()
    pids = {pid for pid, _ in got}
    print(f"distinct pids: {len(pids) == 2 and os.getpid() not in pids}")
    print(f"parent is main: {all(ppid == os.getpid() for _, ppid in got)}")
