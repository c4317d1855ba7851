"""Unsupported API: set_start_method("forkserver").

Plain python: the child runs under the fork server; exit 0.  A good checker: the same (the
startmethods branch models the fork server), or "not modelled" naming forkserver (exit 2).

expect: exit 0 clean
expect: exit 2 not-modelled forkserver
"""
import multiprocessing


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    multiprocessing.set_start_method("forkserver")  # expect-line
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
