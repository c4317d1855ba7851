"""Interpreter abuse: the main process replaces sys.modules["multiprocessing"] with an empty
module, then keeps using the multiprocessing it imported before.

Plain python: multiprocessing.Lock() imports multiprocessing.synchronize lazily, which now fails
with "ModuleNotFoundError: No module named 'multiprocessing.synchronize'; 'multiprocessing' is not
a package" - the main process dies (exit 1).  A good checker reports that exception (exit 1) or
says "not modelled" naming sys.modules (exit 2); the impostor must not reach the checker's own
imports.

expect: exit 1 exception ModuleNotFoundError
expect: exit 2 not-modelled sys.modules
"""
import multiprocessing
import sys
import types


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    sys.modules["multiprocessing"] = types.ModuleType("multiprocessing")  # expect-line
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
