"""A shutdown hook registered with atexit joins the worker before telling it to stop.

What it does: the worker waits for the `stop` event; the main block registers shutdown(), which
joins the worker and only then sets `stop`; then the main block returns.

Real CPython: at exit shutdown() runs first (atexit is LIFO) and waits in join() for a worker that
waits for an event that is set only after the join: every run hangs (fork and spawn), after
printing "main: work done" and "shutdown: waiting for the worker".

mpsim claim tested: atexit handlers of the main process run at its exit and can deadlock (a
deadlock finding: MainProcess in join(), the worker in stop.wait()).
"""
# family: per-process interpreter state
# oracle: --timeout 3
import atexit
import multiprocessing


def worker(stop):
    print("worker: running", flush=True)
    stop.wait()
    print("worker: stopping")


def shutdown(proc, stop):
    print("shutdown: waiting for the worker", flush=True)
    proc.join()
    stop.set()


if __name__ == "__main__":
    stop = multiprocessing.Event()
    proc = multiprocessing.Process(target=worker, args=(stop,))
    proc.start()
    atexit.register(shutdown, proc, stop)
    print("main: work done", flush=True)
