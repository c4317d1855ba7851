"""A child keeps a lock; main then tries lock.acquire(timeout=10), which times out.  Replayed on
real processes that step really waits 3 s: time enough to interrupt a replay in the middle."""
import multiprocessing


def keep(lock, held):
    lock.acquire()
    held.set()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    held = multiprocessing.Event()
    p = multiprocessing.Process(target=keep, args=(lock, held), name="keeper")
    p.start()
    held.wait()
    print("acquired" if lock.acquire(timeout=10) else "timed out")
    p.join()
