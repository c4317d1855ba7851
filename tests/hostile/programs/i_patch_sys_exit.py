"""Interpreter abuse: the main process replaces sys.exit with a function that does nothing, then
deadlocks on a lock it already holds.

Under spawn the child's sys.exit is CPython's own (the patch is inside the main guard), so the
child exits 3 and main's assertion holds; then main blocks for ever in its second acquire().
Plain python hangs there.  A good checker: a deadlock finding (exit 1) - the model's sys.exit is
not the one the checker exits with, so the checker still exits 1.

expect: exit 1 deadlock
"""
import multiprocessing
import sys


def work():
    sys.exit(3)


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    sys.exit = lambda code=None: None
    p = multiprocessing.Process(target=work, name="exiter")
    p.start()
    p.join()
    assert p.exitcode == 3, p.exitcode
    lock = multiprocessing.Lock()
    lock.acquire()
    lock.acquire()
