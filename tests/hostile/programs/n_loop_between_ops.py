"""Never reaching an operation: the main process takes a lock and then spins for ever
(`while True: pass`) before releasing it.

Plain python spins for ever; its child waits for the lock for ever.  A good checker: a
non-termination finding (exit 1) or a search cut short by --time-limit (exit 3), within a second
of the limit - never a hang past it.

expect: exit 1 nontermination
expect: exit 3 budget
"""
import multiprocessing


def work(lock):
    with lock:
        print("never")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    lock.acquire()
    while True:
        pass
    lock.release()
