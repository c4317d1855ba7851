"""concurrent.futures.as_completed with a timeout over a fast and a slow task: the fast result
comes, then the wait for the slow one times out.

What it does: submits quick(1) and slow(2) (sleeps 1 s) to a ProcessPoolExecutor(2); iterates
as_completed(futures, timeout=0.4), printing each result; catches TimeoutError and prints it; the
executor then waits for the slow task at exit.

Real CPython: "done 1", "gave up: 1 (of 2) futures unfinished", exit 0 in every run, fork and
spawn.

mpsim claim tested: as_completed yields finished futures in completion order and raises
TimeoutError when its time is up while a task still sleeps.
"""
# family: time
# oracle: -n 40
import time
from concurrent.futures import ProcessPoolExecutor, TimeoutError, as_completed


def quick(n):
    return n


def slow(n):
    time.sleep(1)
    return n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        futures = [ex.submit(quick, 1), ex.submit(slow, 2)]
        try:
            for f in as_completed(futures, timeout=0.4):
                print(f"done {f.result()}")
        except TimeoutError as exc:
            print(f"gave up: {exc}")
