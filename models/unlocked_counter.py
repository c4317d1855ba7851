"""Two processes add 1 to a shared counter without its lock; main prints the total.

Teaches: `total.value += 1` is a read and then a write.  Another process can
write between the two, and its increment is lost: the program prints
"total = 1" in some runs and "total = 2" in others.  There is no assert here:
mpsim reports the race itself (which two accesses, the lost update) and lists
both totals as possible outcomes.  `with total.get_lock(): total.value += 1`
fixes it.

Expected mpsim verdict: a race on total (worker-0 and worker-1 at line 21);
possible outcomes: total = 2 and total = 1.

Usage: python unlocked_counter.py
"""
import multiprocessing


def add_one(total):
    total.value += 1  # read, then write: another process may write in between


if __name__ == "__main__":
    total = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=add_one, args=(total,), name=f"worker-{i}")
               for i in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"total = {total.value}")
