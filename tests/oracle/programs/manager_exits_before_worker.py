"""A worker still uses a manager dict after the parent has left `with Manager() as manager:`
(the join is after the block, so the manager has shut down).

What it does: the worker sleeps 0.2 s and then sets d["status"] = "done"; the parent starts it
inside the with block, leaves the block, joins the worker and prints its exit code.

Real CPython: the worker's proxy cannot reach the shut-down manager (its socket file is gone): a
chained traceback in the worker, AttributeError: 'ForkAwareLocal' object has no attribute
'connection' (no connection yet in this process) and, during its handling, FileNotFoundError:
[Errno 2] No such file or directory; "worker exit code 1", exit 0, 40/40 runs, fork and spawn.

mpsim claim tested: a manager's proxies stop working once the manager is shut down.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import time


def worker(d):
    time.sleep(0.2)
    d["status"] = "done"


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        d = manager.dict()
        p = multiprocessing.Process(target=worker, args=(d,))
        p.start()
    p.join()
    print(f"worker exit code {p.exitcode}")
