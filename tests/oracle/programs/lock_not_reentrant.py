"""A helper called with the lock held takes the same multiprocessing.Lock again (it is not
reentrant); with a timeout the second acquire fails instead of hanging. RLock allows it.

What it does: in a child, `with lock:` then lock.acquire(timeout=0.1) and prints the result; the
same with an RLock.

Real CPython: "Lock again: False", "RLock again: True", exit 0 in every run, fork and spawn.

mpsim claim tested: a Lock held by the process itself blocks its own acquire (acquire(timeout)
returns False); an RLock is reentrant.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def worker(lock, rlock):
    with lock:
        print(f"Lock again: {lock.acquire(timeout=0.1)}", flush=True)
    with rlock:
        again = rlock.acquire(timeout=0.1)
        print(f"RLock again: {again}", flush=True)
        if again:
            rlock.release()


if __name__ == "__main__":
    lock, rlock = multiprocessing.Lock(), multiprocessing.RLock()
    p = multiprocessing.Process(target=worker, args=(lock, rlock))
    p.start()
    p.join()
