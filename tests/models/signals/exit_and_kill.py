"""os._exit and os.kill in a model: a child that calls os._exit(7) ends at once (its finally
block does not run) with exit code 7; SIGKILL sent to a child with os.kill kills it (-9); SIGUSR1
runs the child's handler, which exits with 5; signal 0 to a reaped child's pid finds no process.

Real CPython (fork and spawn, 40 runs each): exit 0 and the same four lines every time.
Expected mpsim verdict: clean.
"""
import multiprocessing
import os
import signal
import sys


def quits():
    try:
        os._exit(7)
    finally:
        print("never")


def waits(ready, never):
    ready.set()
    never.wait()


def on_usr1(signum, frame):
    print("usr1 handled", flush=True)
    sys.exit(5)


def handles(ready, never):
    signal.signal(signal.SIGUSR1, on_usr1)
    waits(ready, never)


def started(target):
    ready, never = multiprocessing.Event(), multiprocessing.Event()
    p = multiprocessing.Process(target=target, args=(ready, never))
    p.start()
    ready.wait()
    return p, never


if __name__ == "__main__":
    p = multiprocessing.Process(target=quits)
    p.start()
    p.join()
    print("os._exit:", p.exitcode)
    p, never = started(waits)
    os.kill(p.pid, signal.SIGKILL)
    p.join()
    print("SIGKILL:", p.exitcode)
    p, never = started(handles)
    os.kill(p.pid, signal.SIGUSR1)
    p.join()
    print("SIGUSR1:", p.exitcode)
    try:
        os.kill(p.pid, 0)
    except ProcessLookupError:
        print("signal 0 after join: no such process")
