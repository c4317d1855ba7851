"""Never reaching an operation: a child busy-waits on the clock without sleeping.

    deadline = time.monotonic() + 0.2
    while time.monotonic() < deadline:
        pass

Plain python: the loop ends after 0.2 s of real time; exit 0.  A simulated clock that only moves
when the model sleeps never gets there, so the loop runs for ever inside the checker.  A good
checker: clean (exit 0, its clock advances while the model computes), "not modelled" for busy
waiting on the clock (exit 2), or a search cut short by --time-limit (exit 3) within a second of
the limit - never a hang past it.

expect: exit 0 clean
expect: exit 2 not-modelled time.monotonic
expect: exit 3 budget
"""
import multiprocessing
import time


def busy(lock):
    deadline = time.monotonic() + 0.2
    while time.monotonic() < deadline:  # expect-line
        pass
    with lock:
        print("done waiting")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=busy, args=(lock,), name="busy")
    p.start()
    p.join()
