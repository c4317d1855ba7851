"""A classic bug: the lock is acquired inside `try` after a line that can fail, and released in
`finally` - so a failure releases a lock this worker never took.

What it does: two workers look up a record and then take the shared lock to update a counter;
worker "ghost" looks up a key that does not exist (KeyError before acquire()), and its `finally`
releases the lock anyway.

Real CPython: if the lock is free, ghost's release() fails: its traceback shows the KeyError and
then ValueError: semaphore or lock released too many times. If "ann" holds the lock at that moment,
ghost's release succeeds (a Lock has no owner), ghost dies of KeyError: 'ghost', and ann's own
release then raises the ValueError. Either way both lines appear: recorded in 40/40 runs (fork and
spawn), "total 3", parent exit 0.

mpsim claim tested: an operation in a finally block while an exception is pending; a misuse
error raised there chains to the pending exception.
"""
# family: state a fingerprint might miss
import multiprocessing

RECORDS = {"ann": 3, "bob": 5}


def worker(name, lock, total):
    try:
        amount = RECORDS[name]
        lock.acquire()
        total.value += amount
    finally:
        lock.release()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    total = multiprocessing.Value("i", 0, lock=False)
    procs = [multiprocessing.Process(target=worker, args=(n, lock, total)) for n in ("ann", "ghost")]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"total {total.value}")
