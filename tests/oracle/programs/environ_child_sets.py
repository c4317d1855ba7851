"""Environment variables set in the parent before/after start() and in the child.

What it does: the parent sets APP_ENV before start() and LATE_FLAG after; the worker waits for an
event, prints both (LATE_FLAG with a default) and sets RESULT_PATH; after join the parent reads
os.environ["RESULT_PATH"].

Real CPython: the child sees APP_ENV=production and LATE_FLAG=unset (the environment is copied at
start, under fork and spawn); the parent never sees RESULT_PATH: KeyError: 'RESULT_PATH', exit 1.

mpsim claim tested: os.environ is per process and copied at start().
"""
# family: per-process interpreter state
import multiprocessing
import os


def worker(go):
    go.wait()
    print(f"worker: APP_ENV={os.environ.get('APP_ENV')} LATE_FLAG={os.environ.get('LATE_FLAG', 'unset')}")
    os.environ["RESULT_PATH"] = "/tmp/result.json"


if __name__ == "__main__":
    os.environ["APP_ENV"] = "production"
    go = multiprocessing.Event()
    p = multiprocessing.Process(target=worker, args=(go,))
    p.start()
    os.environ["LATE_FLAG"] = "yes"
    go.set()
    p.join()
    print(f"main: result at {os.environ['RESULT_PATH']}")
