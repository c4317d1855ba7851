"""multiprocessing.Condition (docs/semantics.md §4).  Usage: python condition.py CASE"""
import multiprocessing
import sys


def waiter(cond):
    with cond:
        cond.wait()
    print("waiter woke")


def notifier(cond):
    with cond:
        cond.notify()


def numbered_waiter(cond, ready, woken, i):
    with cond:
        ready.release()  # still holding cond: main gets it only once we sleep in wait()
        cond.wait()
        woken[i] = 1
    ready.release()


def flag_waiter(cond, ready, flag):
    with cond:
        ready.release()
        cond.wait()
        seen = flag.value
    assert False, f"woken waiter sees flag {seen}"


def case_wait_unowned():
    multiprocessing.Condition().wait()


def case_notify_unowned():
    multiprocessing.Condition().notify()


def case_notify_all_unowned():
    multiprocessing.Condition().notify_all()


def case_lost_wakeup():
    cond = multiprocessing.Condition()
    p = multiprocessing.Process(target=waiter, args=(cond,))
    p.start()
    with cond:
        cond.notify()  # a no-op if the child is not waiting yet
    p.join()


def case_wait_timeout():
    cond = multiprocessing.Condition()
    with cond:
        print("wait(0.1):", cond.wait(0.1))


def case_rlock_depth():
    cond = multiprocessing.Condition()
    cond.acquire()
    cond.acquire()
    p = multiprocessing.Process(target=notifier, args=(cond,))
    p.start()  # the child can notify only if wait() releases both levels
    print("wait():", cond.wait())
    p.join()
    cond.release()
    cond.release()
    print("released twice")
    cond.release()  # a third release: depth was restored to exactly 2


def case_plain_lock():
    cond = multiprocessing.Condition(multiprocessing.Lock())
    p = multiprocessing.Process(target=notifier, args=(cond,))
    with cond:
        p.start()
        print("wait():", cond.wait())
    p.join()


def case_notify_two_of_three():
    cond = multiprocessing.Condition()
    ready = multiprocessing.Semaphore(0)
    woken = multiprocessing.Array("i", 3)
    for i in range(3):
        multiprocessing.Process(target=numbered_waiter, args=(cond, ready, woken, i),
                                daemon=True).start()
    for i in range(3):
        ready.acquire()
    with cond:
        cond.notify(2)
    ready.acquire()
    ready.acquire()
    assert False, f"woken {woken[:]}"


def case_predicate_false_again():
    cond = multiprocessing.Condition()
    ready = multiprocessing.Semaphore(0)
    flag = multiprocessing.Value("i", 0, lock=False)
    p = multiprocessing.Process(target=flag_waiter, args=(cond, ready, flag), name="waiter")
    p.start()
    ready.acquire()
    with cond:
        flag.value = 1
        cond.notify()
    with cond:
        flag.value = 0
    p.join()


def case_wait_for():
    cond = multiprocessing.Condition()
    print("true predicate, lock not held:", cond.wait_for(lambda: 7))
    with cond:
        print("false predicate, timeout:", cond.wait_for(lambda: 0, timeout=0.1))
    cond.wait_for(lambda: False)


if __name__ == "__main__":
    case = sys.argv[1]
    if case == 'wait_unowned':
        case_wait_unowned()
    elif case == 'notify_unowned':
        case_notify_unowned()
    elif case == 'notify_all_unowned':
        case_notify_all_unowned()
    elif case == 'lost_wakeup':
        case_lost_wakeup()
    elif case == 'wait_timeout':
        case_wait_timeout()
    elif case == 'rlock_depth':
        case_rlock_depth()
    elif case == 'plain_lock':
        case_plain_lock()
    elif case == 'notify_two_of_three':
        case_notify_two_of_three()
    elif case == 'predicate_false_again':
        case_predicate_false_again()
    elif case == 'wait_for':
        case_wait_for()
    else:
        sys.exit(f"unknown case {case!r}")
