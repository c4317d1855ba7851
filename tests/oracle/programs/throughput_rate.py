"""A consumer measures its throughput: items / (time.time() - t0).

What it does: the producer puts 200 numbers and a None; the consumer notes t0 before its first
get, counts items and prints the rate.

Real CPython: "200 items at # items/s" (masked), exit 0, fork and spawn. The elapsed time is
never zero.

mpsim claim tested: the clock advances while a process works (a virtual clock that only moves on
sleeps makes elapsed 0.0 and reports ZeroDivisionError: float division by zero, which never
happens for real).
"""
# family: time
# oracle: --mask-numbers
import multiprocessing
import time


def producer(q):
    for n in range(200):
        q.put(n)
    q.put(None)


def consumer(q):
    t0 = time.time()
    count = 0
    while q.get() is not None:
        count += 1
    rate = count / (time.time() - t0)
    print(f"{count} items at {rate:.0f} items/s")


if __name__ == "__main__":
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=producer, args=(q,)),
             multiprocessing.Process(target=consumer, args=(q,))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
