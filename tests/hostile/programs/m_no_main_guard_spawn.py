"""Malformed input: no `if __name__ == "__main__":` guard, with the spawn start method.

Under spawn the child re-imports this module as __mp_main__, reaches `p.start()` at the top level
while still bootstrapping, and CPython raises RuntimeError ("An attempt has been made to start a
new process before the current process has finished its bootstrapping phase") in the child, which
dies with exit code 1; the main process finishes.  A good checker: an exception finding
(RuntimeError) in the child - not an endless tower of children.

expect: exit 1 exception RuntimeError
"""
import multiprocessing


def work(lock):
    with lock:
        print("working")


ctx = multiprocessing.get_context("spawn")
lock = ctx.Lock()
p = ctx.Process(target=work, args=(lock,))
p.start()
p.join()
print("child exit code", p.exitcode)
