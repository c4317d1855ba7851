"""multiprocessing.RLock (docs/semantics.md §0, §2).  Usage: python rlock.py CASE"""
import multiprocessing
import sys


def try_take(lock):
    print("child acquire(timeout=0.1):", lock.acquire(timeout=0.1))


def release_it(lock):
    lock.release()


def hold_and_exit(lock):
    lock.acquire()


def case_reentrant():
    lock = multiprocessing.RLock()
    print("acquire:", lock.acquire(), lock.acquire(), lock.acquire(False))
    lock.release()
    lock.release()
    p = multiprocessing.Process(target=try_take, args=(lock,))
    p.start()  # still held once: the child cannot take it
    p.join()
    lock.release()
    p = multiprocessing.Process(target=try_take, args=(lock,))
    p.start()
    p.join()


def case_release_by_other():
    lock = multiprocessing.RLock()
    lock.acquire()
    p = multiprocessing.Process(target=release_it, args=(lock,), name="other")
    p.start()
    p.join()
    print("child exitcode", p.exitcode)
    lock.release()


def case_release_unowned():
    multiprocessing.RLock().release()


def case_over_release():
    lock = multiprocessing.RLock()
    lock.acquire()
    lock.acquire()
    lock.release()
    lock.release()
    print("released twice")
    lock.release()


def case_dead_holder():
    lock = multiprocessing.RLock()
    p = multiprocessing.Process(target=hold_and_exit, args=(lock,))
    p.start()
    p.join()
    print("acquire(timeout=0.1):", lock.acquire(timeout=0.1))
    lock.release()


def case_fork_child_is_not_owner():
    multiprocessing.set_start_method("fork")
    lock = multiprocessing.RLock()
    lock.acquire()
    p = multiprocessing.Process(target=try_take, args=(lock,))
    p.start()
    p.join()


if __name__ == "__main__":
    case = sys.argv[1]
    if case == 'reentrant':
        case_reentrant()
    elif case == 'release_by_other':
        case_release_by_other()
    elif case == 'release_unowned':
        case_release_unowned()
    elif case == 'over_release':
        case_over_release()
    elif case == 'dead_holder':
        case_dead_holder()
    elif case == 'fork_child_is_not_owner':
        case_fork_child_is_not_owner()
    else:
        sys.exit(f"unknown case {case!r}")
