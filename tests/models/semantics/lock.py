"""multiprocessing.Lock (docs/semantics.md §0-§1).  Usage: python lock.py CASE"""
import multiprocessing
import sys


def release_it(lock):
    lock.release()


def hold_and_exit(lock):
    lock.acquire()


def hold_briefly(lock):
    lock.acquire()
    lock.release()


def case_released_by_other():
    lock = multiprocessing.Lock()
    lock.acquire()
    p = multiprocessing.Process(target=release_it, args=(lock,))
    p.start()
    p.join()
    print("acquire(False) after the child released:", lock.acquire(False))


def case_release_unlocked():
    multiprocessing.Lock().release()


def case_acquire_twice():
    lock = multiprocessing.Lock()
    lock.acquire()
    lock.acquire()


def case_acquire_timeout():
    lock = multiprocessing.Lock()
    lock.acquire()
    print("acquire(timeout=0.2):", lock.acquire(timeout=0.2))


def case_timeout_race():
    lock = multiprocessing.Lock()
    lock.acquire()
    p = multiprocessing.Process(target=release_it, args=(lock,))
    p.start()
    got = lock.acquire(timeout=0.2)
    p.join()
    assert False, f"acquire(timeout=0.2) returned {got}"


def case_nonblocking():
    lock = multiprocessing.Lock()
    print("free:", lock.acquire(False))
    print("held:", lock.acquire(False))
    print("held, block=False with a timeout:", lock.acquire(False, 5))


def case_blocking_keyword():
    multiprocessing.Lock().acquire(blocking=False)


def case_acquire_arguments():
    lock = multiprocessing.Lock()
    for call in (lambda: lock.acquire(True, 1, 2), lambda: lock.acquire(True, block=False),
                 lambda: lock.acquire(False, timeout=1), lambda: lock.acquire(timeout=0.1, block=True),
                 lambda: lock.acquire(block=False)):
        try:
            print(call())
        except TypeError as e:
            print("TypeError:", e)


def case_dead_holder():
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=hold_and_exit, args=(lock,))
    p.start()
    p.join()
    print("exitcode", p.exitcode, "acquire(timeout=0.1):", lock.acquire(timeout=0.1))
    lock.release()  # no owner check: the parent may release it
    print("after release:", lock.acquire(False))


def case_dead_holder_blocks():
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=hold_and_exit, args=(lock,))
    p.start()
    p.join()
    lock.acquire()


def case_with():
    lock = multiprocessing.Lock()
    with lock as entered:
        print("__enter__ returned", entered, "held:", not lock.acquire(False))
    print("after with:", lock.acquire(False))


def case_get_value():
    multiprocessing.Lock().get_value()


def case_contended():
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=hold_briefly, args=(lock,))
    p.start()
    lock.acquire()
    lock.release()
    p.join()
    print("both done")


if __name__ == "__main__":
    case = sys.argv[1]
    if case == 'released_by_other':
        case_released_by_other()
    elif case == 'release_unlocked':
        case_release_unlocked()
    elif case == 'acquire_twice':
        case_acquire_twice()
    elif case == 'acquire_timeout':
        case_acquire_timeout()
    elif case == 'timeout_race':
        case_timeout_race()
    elif case == 'nonblocking':
        case_nonblocking()
    elif case == 'blocking_keyword':
        case_blocking_keyword()
    elif case == 'acquire_arguments':
        case_acquire_arguments()
    elif case == 'dead_holder':
        case_dead_holder()
    elif case == 'dead_holder_blocks':
        case_dead_holder_blocks()
    elif case == 'with':
        case_with()
    elif case == 'get_value':
        case_get_value()
    elif case == 'contended':
        case_contended()
    else:
        sys.exit(f"unknown case {case!r}")
