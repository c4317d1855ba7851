"""A class attribute configured in the main block before the worker starts.

What it does: the main block sets Settings.limit = 10 (the class has no default), then a worker
prints Settings.limit; the parent prints the worker's exit code.

Real CPython: fork - the child copies the class as it is at start(): prints "limit is 10", exit 0.
spawn - the re-imported class has no `limit`: AttributeError: type object 'Settings' has no
attribute 'limit', exit code 1.

mpsim claim tested: per-process classes follow the start method.
"""
# family: per-process interpreter state
# oracle: --forkserver
import multiprocessing


class Settings:
    name = "uploader"


def worker():
    print(f"worker: {Settings.name} limit is {Settings.limit}")


if __name__ == "__main__":
    Settings.limit = 10
    p = multiprocessing.Process(target=worker)
    p.start()
    p.join()
    print(f"main: worker exit code {p.exitcode}")
