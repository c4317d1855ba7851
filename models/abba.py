"""ABBA deadlock: two locks taken in opposite orders.

Teaches: the classic lock-ordering deadlock.  Worker 1 takes lock_a then
lock_b; worker 2 takes lock_b then lock_a.  If each gets its first lock
before the other gets its second, both wait forever (and main waits
forever in join()).

Expected mpsim verdict: deadlock -- worker-1 blocked in lock_b.acquire(),
worker-2 blocked in lock_a.acquire(), main blocked in join().

Usage: python abba.py      (no arguments)
"""
import multiprocessing
import sys

USAGE = "usage: python abba.py   (takes no arguments)"


def worker1(lock_a, lock_b):
    lock_a.acquire()
    lock_b.acquire()
    print("worker 1 holds lock_a and lock_b")
    lock_b.release()
    lock_a.release()


def worker2(lock_a, lock_b):
    lock_b.acquire()
    lock_a.acquire()
    print("worker 2 holds lock_b and lock_a")
    lock_a.release()
    lock_b.release()


if __name__ == "__main__":
    if sys.argv[1:]:
        print(USAGE, file=sys.stderr)
        sys.exit(2)

    lock_a = multiprocessing.Lock()
    lock_b = multiprocessing.Lock()
    p1 = multiprocessing.Process(target=worker1, args=(lock_a, lock_b), name="worker-1")
    p2 = multiprocessing.Process(target=worker2, args=(lock_a, lock_b), name="worker-2")
    p1.start()
    p2.start()
    p1.join()
    p2.join()
    print("both workers finished")
