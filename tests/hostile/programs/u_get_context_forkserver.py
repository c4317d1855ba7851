"""Unsupported API: get_context("forkserver").

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
    ctx = multiprocessing.get_context("forkserver")  # expect-line
    lock = ctx.Lock()
    p = ctx.Process(target=work, args=(lock,))
    p.start()
    p.join()
