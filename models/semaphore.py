"""Semaphore vs BoundedSemaphore: releasing a slot twice.

Teaches: a semaphore guards a pool of 2 slots shared by 3 workers; a
shared counter `inside` (updated under its own lock) checks that at most
2 workers are in the pool at once.  Worker 0 has a bug: it hands its slot
back as soon as its "important part" is done, and then releases it again
on the way out -- two releases for one acquire.
  semaphore (default): plain Semaphore(2).  The early release silently
                       adds a third slot, so the other two workers can
                       join worker 0 inside -> 3 workers in a pool of 2.
  bounded:             BoundedSemaphore(2).  A release that would push the
                       value above 2 raises ValueError, so the extra
                       release is reported instead of silently accepted.

Expected mpsim verdicts:
  semaphore -> exception in a worker (the third one to get in, never
               worker 0): AssertionError: 3 workers inside a pool of 2 slots
  bounded   -> exception in a worker: ValueError: semaphore or lock released
               too many times (in the worker whose release finds all slots
               already free; usually worker 0, but it can be another).
               Note: a BoundedSemaphore only notices the over-release when
               it happens; worker 0's early release itself is legal (it
               does hold a slot), so the AssertionError above is reachable
               in this mode too, in schedules where the other two workers
               get in while worker 0 is still inside.

Usage: python semaphore.py [semaphore|bounded]
"""
import multiprocessing
import sys

USAGE = "usage: python semaphore.py [semaphore|bounded]"

SLOTS = 2
NWORKERS = 3
BUGGY = 0  # the worker that releases its slot twice


def worker(wid, slots, inside):
    slots.acquire()
    with inside.get_lock():
        inside.value += 1
        n = inside.value
    assert n <= SLOTS, f"{n} workers inside a pool of {SLOTS} slots"
    print(f"worker {wid} is inside ({n} of {SLOTS} slots in use)")
    if wid == BUGGY:
        slots.release()  # BUG: gives the slot back too early...
    with inside.get_lock():
        inside.value -= 1
    slots.release()  # ...and releases it again here


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) > 1 or (args and args[0] not in ("semaphore", "bounded")):
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    mode = args[0] if args else "semaphore"

    if mode == "bounded":
        slots = multiprocessing.BoundedSemaphore(SLOTS)
    else:
        slots = multiprocessing.Semaphore(SLOTS)
    inside = multiprocessing.Value('i', 0)
    workers = [multiprocessing.Process(target=worker, args=(wid, slots, inside), name=f"worker-{wid}")
               for wid in range(NWORKERS)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print("all workers done")
