"""Control flow that swallows: the main process raises KeyboardInterrupt while waiting for nothing
in particular (no real Ctrl-C), after its child finished.

Plain python: traceback, "KeyboardInterrupt", exit status 130 (killed by SIGINT).  A good checker:
an exception finding (KeyboardInterrupt) for the main process - not a check interrupted by the
user.

expect: exit 1 exception KeyboardInterrupt
"""
import multiprocessing


def work(lock):
    with lock:
        print("child")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=work, args=(lock,))
    p.start()
    p.join()
    with lock:
        raise KeyboardInterrupt
