"""Main notifies a child that waits with a timeout.  The child is woken, or times out - in CPython
even after the notify chose it, if the timeout expires inside notify() (the notify is lost).
Replaying that last schedule on real processes is refused: see mpsim/replay/limits.py."""
import multiprocessing


def waiter(cond, ready):
    with cond:
        ready.release()
        woken = cond.wait(0.2)
    print("woken" if woken else "timed out")


if __name__ == "__main__":
    cond = multiprocessing.Condition()
    ready = multiprocessing.Semaphore(0)
    p = multiprocessing.Process(target=waiter, args=(cond, ready), name="waiter")
    p.start()
    ready.acquire()
    with cond:
        cond.notify()
    p.join()
