"""Interpreter abuse: after starting its child, the main process deletes builtins.print,
builtins.repr and builtins.open and replaces builtins.len with `lambda obj: 42`.

Plain python (fork or spawn): the child was started before, main only joins and takes a lock and
writes with sys.stdout.write; exit 0 (under spawn CPython's own exit handler then stumbles over the
broken len(), "Exception ignored in atexit callback", still exit 0).  A good checker: clean
(exit 0) - the model's builtins are not the checker's.

expect: exit 0 clean
"""
import builtins
import multiprocessing
import sys


def work(lock):
    with lock:
        print("child prints")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    del builtins.print, builtins.repr, builtins.open
    builtins.len = lambda obj: 42
    p.join()
    with lock:
        assert p.exitcode == 0
        sys.stdout.write("main done\n")
