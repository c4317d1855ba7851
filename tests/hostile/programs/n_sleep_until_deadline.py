"""Odd but legal: a child sleeps in small steps until a deadline half a second away.

    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:
        time.sleep(0.1)

Plain python: the child ends after half a second; exit 0.  A good checker: clean (exit 0) - its
clock advances by what the model sleeps.

expect: exit 0 clean
"""
import multiprocessing
import time


def wait_a_bit(lock):
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:
        time.sleep(0.1)
    with lock:
        print("deadline passed")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=wait_a_bit, args=(lock,), name="waiter")
    p.start()
    p.join()
    assert p.exitcode == 0
