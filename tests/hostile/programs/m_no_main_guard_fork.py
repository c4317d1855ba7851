"""Odd but legal: no `if __name__ == "__main__":` guard, but the fork start method.

A forked child does not re-import the module, so the missing guard is harmless: the child takes
the lock and exits 0.  A good checker: clean (exit 0).

expect: exit 0 clean
"""
import multiprocessing


def work(lock):
    with lock:
        print("working")


multiprocessing.set_start_method("fork")
lock = multiprocessing.Lock()
p = multiprocessing.Process(target=work, args=(lock,))
p.start()
p.join()
assert p.exitcode == 0, p.exitcode
