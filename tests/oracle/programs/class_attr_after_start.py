"""A class attribute set by the parent after the worker has started.

What it does: the worker waits for `ready`, then uses Settings.limit; the parent starts the
worker, then sets Settings.limit = 10 and sets `ready`.

Real CPython: the worker's class is its own (forked copy or re-imported), so it never gets
`limit`: the worker dies with AttributeError: type object 'Settings' has no attribute 'limit'
under both fork and spawn; the parent prints the exit code 1.

mpsim claim tested: classes (and their attributes) are per process; a change in the parent after
start() is not visible in the child (README "Known limits" says mpsim shares classes under fork).
"""
# family: per-process interpreter state
import multiprocessing


class Settings:
    name = "uploader"


def worker(ready):
    ready.wait()
    print(f"worker: {Settings.name} limit is {Settings.limit}")


if __name__ == "__main__":
    ready = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(ready,))
    p.start()
    Settings.limit = 10
    ready.set()
    p.join()
    print(f"main: worker exit code {p.exitcode}")
