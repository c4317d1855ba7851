"""The correct version of atexit_join_deadlock.py: the atexit hook sets `stop`, then joins.

Real CPython: prints "main: work done", then the worker's and the hook's lines in the order
"shutdown: stopping the worker", "worker: stopping", "shutdown: worker joined"; exit 0 under fork
and spawn ("worker: running" can come anywhere before "worker: stopping").

mpsim claim tested: atexit handlers of the main process run at exit, before multiprocessing's own
exit function joins the children; no finding.
"""
# family: per-process interpreter state
import atexit
import multiprocessing


def worker(stop):
    print("worker: running", flush=True)
    stop.wait()
    print("worker: stopping", flush=True)


def shutdown(proc, stop):
    print("shutdown: stopping the worker", flush=True)
    stop.set()
    proc.join()
    print("shutdown: worker joined", flush=True)


if __name__ == "__main__":
    stop = multiprocessing.Event()
    proc = multiprocessing.Process(target=worker, args=(stop,))
    proc.start()
    atexit.register(shutdown, proc, stop)
    print("main: work done", flush=True)
