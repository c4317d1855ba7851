"""multiprocessing.Barrier (docs/semantics.md §6).  Usage: python barrier.py CASE"""
import multiprocessing
import os
import sys
import threading
import time


class Action:
    """The barrier's action: counts its runs and remembers the pid it ran in."""

    def __init__(self):
        self.runs = multiprocessing.Value("i", 0)
        self.pid = multiprocessing.Value("i", 0)

    def __call__(self):
        self.runs.value += 1
        self.pid.value = os.getpid()


def boom():
    raise KeyError("boom")


def arrive(barrier, indices):
    for i in range(len(indices)):
        indices[i] = barrier.wait()


def arrive_catching(barrier, timeout=None):
    try:
        barrier.wait(timeout)
    except Exception as e:
        print(f"child: {type(e).__name__}{e}, broken={barrier.broken}")
        raise


def arrive_uncaught(barrier):
    barrier.wait()


def case_indices():
    action = Action()
    barrier = multiprocessing.Barrier(2, action)
    child = multiprocessing.Array("i", 1)
    p = multiprocessing.Process(target=arrive, args=(barrier, child), name="child")
    p.start()
    mine = barrier.wait()
    p.join()
    where = "main" if action.pid.value == os.getpid() else "child"
    assert False, f"main {mine}, child {child[0]}, action ran {action.runs.value}x in {where}"


def case_reusable():
    barrier = multiprocessing.Barrier(2)
    child = multiprocessing.Array("i", 2)
    p = multiprocessing.Process(target=arrive, args=(barrier, child), name="child")
    p.start()
    first = barrier.wait()
    second = barrier.wait()
    p.join()
    assert False, (f"main {[first, second]}, child {child[:]}, "
                   f"n_waiting {barrier.n_waiting}, broken {barrier.broken}")


def case_timeout():
    barrier = multiprocessing.Barrier(3)
    p = multiprocessing.Process(target=arrive_catching, args=(barrier, 0.5), name="child")
    p.start()
    try:
        barrier.wait(timeout=0.5)
    except threading.BrokenBarrierError as e:
        print(f"main: BrokenBarrierError{e}, broken={barrier.broken}")
    p.join()
    assert False, f"child exitcode {p.exitcode}, broken {barrier.broken}"


def case_abort():
    barrier = multiprocessing.Barrier(2)
    p = multiprocessing.Process(target=arrive_uncaught, args=(barrier,), name="child")
    p.start()
    barrier.abort()
    p.join()
    print("broken", barrier.broken, "child exitcode", p.exitcode)
    barrier.wait()


def case_reset():
    barrier = multiprocessing.Barrier(2)
    p = multiprocessing.Process(target=arrive_catching, args=(barrier,), name="child")
    p.start()
    while barrier.n_waiting == 0:
        time.sleep(0.01)
    barrier.reset()
    p.join()
    assert False, f"child exitcode {p.exitcode}, broken {barrier.broken}, n_waiting {barrier.n_waiting}"


def case_action_raises():
    barrier = multiprocessing.Barrier(2, boom)
    p = multiprocessing.Process(target=arrive_uncaught, args=(barrier,), name="child")
    p.start()
    try:
        barrier.wait()
    finally:
        p.join()


def case_module_attributes():
    print("Barrier(0).parties =", multiprocessing.Barrier(0).parties)
    print("subclass of RuntimeError:", issubclass(threading.BrokenBarrierError, RuntimeError))
    multiprocessing.BrokenBarrierError


if __name__ == "__main__":
    case = sys.argv[1]
    if case == 'indices':
        case_indices()
    elif case == 'reusable':
        case_reusable()
    elif case == 'timeout':
        case_timeout()
    elif case == 'abort':
        case_abort()
    elif case == 'reset':
        case_reset()
    elif case == 'action_raises':
        case_action_raises()
    elif case == 'module_attributes':
        case_module_attributes()
    else:
        sys.exit(f"unknown case {case!r}")
