"""Interpreter abuse: the main process monkeypatches multiprocessing.Lock = multiprocessing.RLock.

Under spawn the child re-imports this module as __mp_main__ and the patch (inside the main guard)
is not applied there: the child's Lock is a real, non-re-entrant lock, so its second acquire times
out.  Main's patched "Lock" is re-entrant.  Plain python exits 0.  A good checker: clean (exit 0) -
the model's patch must stay in the process that made it and must not leak into other processes
or other runs.

expect: exit 0 clean
"""
import multiprocessing


def child_check():
    lock = multiprocessing.Lock()
    assert lock.acquire()
    assert not lock.acquire(timeout=0.05), "a Lock in the child is re-entrant"


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    multiprocessing.Lock = multiprocessing.RLock
    lock = multiprocessing.Lock()
    with lock:
        with lock:
            print("re-entered the patched Lock")
    p = multiprocessing.Process(target=child_check, name="checker")
    p.start()
    p.join()
    assert p.exitcode == 0, p.exitcode
