"""A Barrier for three parties with a timeout, but only two workers ever arrive.

What it does: Barrier(3, timeout=0.3); two workers call barrier.wait() and catch
threading.BrokenBarrierError; each prints that the barrier broke; the main block joins them.

Real CPython: "worker 0: barrier broken", "worker 1: barrier broken" (either order: 28/12 of 40
runs under fork, 24/16 under spawn), "main: done", exit 0 in every run (the first waiter's
timeout breaks the barrier for both).

mpsim claim tested: a barrier wait times out when a party never comes and breaks the barrier for
every waiter; no deadlock.
"""
# family: time
# oracle: -n 40
import multiprocessing
import threading


def worker(n, barrier):
    try:
        barrier.wait()
        print(f"worker {n}: passed", flush=True)
    except threading.BrokenBarrierError:
        print(f"worker {n}: barrier broken", flush=True)


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(3, timeout=0.3)
    procs = [multiprocessing.Process(target=worker, args=(n, barrier)) for n in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("main: done")
