"""multiprocessing.Semaphore and BoundedSemaphore (docs/semantics.md §0, §3).
Usage: python semaphore.py CASE"""
import multiprocessing
import sys


def release_it(sem):
    sem.release()


def case_release_above_initial():
    sem = multiprocessing.Semaphore(2)
    sem.release()
    print("value", sem.get_value())


def case_default_value():
    sem = multiprocessing.Semaphore()
    print("value", sem.get_value(), sem.acquire(False), sem.acquire(False))


def case_negative():
    multiprocessing.Semaphore(-1)


def case_bounded_over_release():
    sem = multiprocessing.BoundedSemaphore(2)
    sem.acquire()
    sem.release()
    print("value", sem.get_value())
    sem.release()


def case_counting():
    sem = multiprocessing.Semaphore(2)
    print(sem.acquire(), sem.acquire(), sem.acquire(timeout=0.1), sem.get_value())


def case_zero_timeout():
    sem = multiprocessing.Semaphore(0)
    print("acquire(timeout=0.1):", sem.acquire(timeout=0.1))


def case_bounded_race():
    sem = multiprocessing.BoundedSemaphore(1)
    sem.acquire()
    p = multiprocessing.Process(target=release_it, args=(sem,), name="child")
    p.start()
    sem.release()
    p.join()


def case_signal():
    sem = multiprocessing.Semaphore(0)
    p = multiprocessing.Process(target=release_it, args=(sem,))
    p.start()
    sem.acquire()
    p.join()
    print("value", sem.get_value())


if __name__ == "__main__":
    case = sys.argv[1]
    if case == 'release_above_initial':
        case_release_above_initial()
    elif case == 'default_value':
        case_default_value()
    elif case == 'negative':
        case_negative()
    elif case == 'bounded_over_release':
        case_bounded_over_release()
    elif case == 'counting':
        case_counting()
    elif case == 'zero_timeout':
        case_zero_timeout()
    elif case == 'bounded_race':
        case_bounded_race()
    elif case == 'signal':
        case_signal()
    else:
        sys.exit(f"unknown case {case!r}")
