"""A Barrier that never fills up.

Teaches: Barrier(parties) releases nobody until `parties` processes have
called wait().  Here the barrier is made for 3 parties.
  short (default): only 2 workers arrive -> they wait forever, and main
                   waits forever in join().
  ok:              3 workers arrive -> all pass; each gets a distinct
                   index 0, 1, 2 (in arrival order).

Expected mpsim verdicts:
  short -> deadlock (both workers blocked in barrier.wait(), main in join())
  ok    -> clean: no deadlock, no exception, terminates

Usage: python barrier.py [short|ok]
"""
import multiprocessing
import sys

USAGE = "usage: python barrier.py [short|ok]"

PARTIES = 3


def worker(barrier, wid):
    print(f"worker {wid} waits at the barrier")
    index = barrier.wait()
    print(f"worker {wid} passed the barrier with index {index}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) > 1 or (args and args[0] not in ("short", "ok")):
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    mode = args[0] if args else "short"
    nworkers = PARTIES if mode == "ok" else PARTIES - 1

    barrier = multiprocessing.Barrier(PARTIES)
    workers = [multiprocessing.Process(target=worker, args=(barrier, wid), name=f"worker-{wid}")
               for wid in range(nworkers)]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print("all workers passed the barrier")
