"""A module-level object whose __del__ prints "closing connection" when the interpreter ends.

What it does: `CONN = Connection("db")` at module level; its __del__ prints. Two workers use it.

Real CPython: the main process prints "main: closing db" at interpreter shutdown. A forked child
ends with os._exit: no shutdown, no __del__. A spawned child re-creates CONN and ends with
sys.exit: it prints "Process-N: closing db" as well. Exit 0.

mpsim claim tested: module teardown / __del__ at exit is per process and depends on the start
method (output only).
"""
# family: per-process interpreter state
import multiprocessing


class Connection:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print(f"{multiprocessing.current_process().name}: closing {self.name}", flush=True)


CONN = Connection("db")


def worker(n):
    print(f"worker {n} uses {CONN.name}", flush=True)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=worker, args=(n,)) for n in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("main: finished", flush=True)
