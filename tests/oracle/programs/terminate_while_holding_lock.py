"""A worker is terminate()d while it holds a lock; the parent then tries to take the lock.

What it does: the worker takes the lock, sets `holding`, sleeps; the parent waits for `holding`,
terminates and joins the worker, then calls lock.acquire().

Real CPython: the lock stays held forever (no owner cleanup): the parent blocks in acquire():
every run hangs after "main: worker terminated (-15)", fork and spawn.

mpsim claim tested: a lock held by a killed process stays held: deadlock finding.
"""
# family: other real-world code
# oracle: --timeout 3
import multiprocessing
import time


def worker(lock, holding):
    lock.acquire()
    holding.set()
    time.sleep(10)
    lock.release()


if __name__ == "__main__":
    lock, holding = multiprocessing.Lock(), multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(lock, holding))
    p.start()
    holding.wait()
    p.terminate()
    p.join()
    print(f"main: worker terminated ({p.exitcode})", flush=True)
    lock.acquire()
    print("main: got the lock")
