"""set_start_method may be called once, before the context is used.
Usage: python start_method.py CASE"""
import multiprocessing
import sys


def child():
    print("child runs")


def case_twice():
    multiprocessing.set_start_method("spawn")
    print("set once:", multiprocessing.get_start_method())
    multiprocessing.set_start_method("spawn")


def case_force():
    multiprocessing.set_start_method("spawn")
    multiprocessing.set_start_method("fork", force=True)
    print("forced:", multiprocessing.get_start_method())


def case_after_lock():
    multiprocessing.Lock()
    multiprocessing.set_start_method("spawn")


def case_after_get():
    multiprocessing.get_start_method()
    multiprocessing.set_start_method("spawn")


def case_after_start():
    p = multiprocessing.Process(target=child)
    p.start()
    p.join()
    multiprocessing.set_start_method("spawn")


def case_allowed():
    multiprocessing.get_start_method(allow_none=True)
    multiprocessing.RawValue("i", 1)
    multiprocessing.get_context("fork").Lock()
    multiprocessing.Process(target=child)
    multiprocessing.set_start_method("spawn")
    print("set after those:", multiprocessing.get_start_method())


if __name__ == "__main__":
    case = sys.argv[1]
    if case == 'twice':
        case_twice()
    elif case == 'force':
        case_force()
    elif case == 'after_lock':
        case_after_lock()
    elif case == 'after_get':
        case_after_get()
    elif case == 'after_start':
        case_after_start()
    elif case == 'allowed':
        case_allowed()
    else:
        sys.exit(f"unknown case {case!r}")
