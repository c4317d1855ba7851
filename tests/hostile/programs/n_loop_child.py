"""Never reaching an operation: a child spins for ever (`while True: pass`) before its first
operation; main joins it.

Plain python spins for ever.  A good checker: a non-termination finding (exit 1) or a search cut
short by --time-limit (exit 3), within a second of the limit - never a hang past it.

expect: exit 1 nontermination
expect: exit 3 budget
"""
import multiprocessing


def spin(lock):
    while True:
        pass
    lock.acquire()


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=spin, args=(lock,), name="spinner")
    p.start()
    p.join()
