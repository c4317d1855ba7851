"""multiprocessing.Event (docs/semantics.md §5).  Usage: python event.py CASE"""
import multiprocessing
import sys


def wait_and_report(event):
    assert False, f"wait() returned {event.wait()}"


def case_set_wakes_all():
    event = multiprocessing.Event()
    for name in ("a", "b"):
        multiprocessing.Process(target=wait_and_report, args=(event,), name=name).start()
    event.set()


def case_clear_wins():
    event = multiprocessing.Event()
    p = multiprocessing.Process(target=wait_and_report, args=(event,), name="car")
    p.start()
    event.set()
    event.clear()
    event.set()
    p.join()


def case_wait_timeout():
    event = multiprocessing.Event()
    print("unset: wait(0.1):", event.wait(0.1), "wait(0):", event.wait(0), "is_set:", event.is_set())
    event.set()
    event.set()
    print("set: wait():", event.wait(), "wait(0):", event.wait(0), "is_set:", event.is_set())
    event.clear()
    print("cleared: is_set:", event.is_set(), "wait(0.1):", event.wait(0.1))


if __name__ == "__main__":
    case = sys.argv[1]
    if case == 'set_wakes_all':
        case_set_wakes_all()
    elif case == 'clear_wins':
        case_clear_wins()
    elif case == 'wait_timeout':
        case_wait_timeout()
    else:
        sys.exit(f"unknown case {case!r}")
