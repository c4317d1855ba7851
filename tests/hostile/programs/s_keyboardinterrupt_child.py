"""Control flow that swallows: a child raises KeyboardInterrupt itself (no real Ctrl-C).

Plain python: the child prints the traceback and dies with exit code 1; main finishes.  A good
checker: an exception finding (KeyboardInterrupt) for the child - not an interrupted check of its
own.

expect: exit 1 exception KeyboardInterrupt
"""
import multiprocessing


def work(lock):
    with lock:
        raise KeyboardInterrupt


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,), name="interrupter")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
