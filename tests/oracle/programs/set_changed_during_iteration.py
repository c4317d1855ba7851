"""Iterating over a set of worker names while the loop body adds retries to it.

What it does: the parent keeps `waiting = {"w1", "w2"}`; for each name in the set it reads one
status from the queue; a worker reports "retry" and the parent adds "w1-retry" to the set.

Real CPython: adding to the set while iterating raises RuntimeError: Set changed size during
iteration at the next step of the loop (main exit 1), in every run. Under spawn, 8/20 runs also
show FileNotFoundError: [Errno 2] No such file or directory: the main process dies while the
second child is still starting, its queue's semaphores are unlinked, and the child cannot
rebuild them (the lifetime gap SEMANTICS/README describe for spawn).

mpsim claim tested: iterating a set that the loop body mutates.
"""
# family: state a fingerprint might miss
import multiprocessing


def worker(name, statuses):
    statuses.put((name, "retry"))


if __name__ == "__main__":
    statuses = multiprocessing.Queue()
    waiting = {"w1", "w2"}
    procs = [multiprocessing.Process(target=worker, args=(n, statuses)) for n in sorted(waiting)]
    for p in procs:
        p.start()
    for name in waiting:
        who, status = statuses.get()
        print(f"{who}: {status}")
        if status == "retry":
            waiting.add(f"{who}-retry")
    for p in procs:
        p.join()
    print(f"still waiting for {sorted(waiting)}")
