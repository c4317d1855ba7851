"""Interpreter abuse: a child closes file descriptor 1 with os.close(1).

Plain python: the child's descriptor is gone, the parent's is not; the child exits 0 and the
parent still prints.  A good checker either models the closed descriptor (clean, exit 0) or says
"not modelled" naming os.close (exit 2); its own descriptor 1 must stay open so its report still
arrives.

expect: exit 0 clean
expect: exit 2 not-modelled os.close
"""
import multiprocessing
import os


def work(lock):
    with lock:
        os.close(1)  # expect-line


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    assert p.exitcode == 0, p.exitcode
    print("main still prints")
