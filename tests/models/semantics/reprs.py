"""What printing a primitive shows (docs/semantics.md §0, §4).  Usage: python reprs.py"""
import multiprocessing


def show(lock, rlock, sem):
    print("child:", lock, rlock, sem)


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    rlock = multiprocessing.RLock()
    sem = multiprocessing.BoundedSemaphore(2)
    print("fresh:", lock, rlock, sem, multiprocessing.Semaphore(3))
    print("conditions:", multiprocessing.Condition(), multiprocessing.Condition(lock))
    lock.acquire()
    rlock.acquire()
    rlock.acquire()
    sem.acquire()
    print("held:", lock, rlock, sem)
    p = multiprocessing.Process(target=show, args=(lock, rlock, sem))
    p.start()
    p.join()
    cond = multiprocessing.Condition()
    with cond:
        print("inside with:", cond)
