"""A worker logs in a `finally` block (taking a lock) while a ValueError is propagating.

What it does: each of two workers gets an item from a queue, raises ValueError for a negative
item, and in `finally:` takes the log lock to print "cleanup"; the parent puts 5 and -1.

Real CPython: one worker prints "worker: 10" and exits 0; the other prints its cleanup line and
dies with ValueError: negative item -1 (exit code 1); which worker gets which item varies.
Parent exit 0, fork and spawn.

mpsim claim tested: an exception pending in a finally block survives an operation (and the
process switch) performed inside that block; the finding is the ValueError.
"""
# family: state a fingerprint might miss
import multiprocessing


def worker(q, log_lock, name):
    item = q.get()
    try:
        if item < 0:
            raise ValueError(f"negative item {item}")
        print(f"{name}: {item * 2}", flush=True)
    finally:
        with log_lock:
            print(f"{name}: cleanup after {item}", flush=True)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    log_lock = multiprocessing.Lock()
    procs = [multiprocessing.Process(target=worker, args=(q, log_lock, f"worker-{n}")) for n in (1, 2)]
    for p in procs:
        p.start()
    q.put(5)
    q.put(-1)
    for p in procs:
        p.join()
    print("exit codes", sorted(p.exitcode for p in procs))
