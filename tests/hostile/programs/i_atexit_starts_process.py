"""Interpreter abuse: an atexit handler of the main process starts a child and joins it (fork).

Plain python: after the main body, the handler starts the child, which takes the lock and exits 0;
exit 0.  (Under spawn CPython's child could not find `work` any more at that point, so this
program asks for fork.)  A good checker: clean (exit 0), or "not modelled" naming atexit (exit 2)
- never the handler running when the checker itself exits, outside any simulated process.

expect: exit 0 clean
expect: exit 2 not-modelled atexit
"""
import atexit
import multiprocessing


def work(lock):
    with lock:
        print("child started by an atexit handler")


def at_exit(lock):
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    assert p.exitcode == 0, p.exitcode


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    lock = multiprocessing.Lock()
    atexit.register(at_exit, lock)  # expect-line
    with lock:
        print("main body done")
