"""Pool.map over jobs where one raises: map() raises that exception in the caller, while the other
tasks have run (their side effects happened).

What it does: each task appends its number to a manager list, and task 3 then raises
KeyError('job 3'); the main block catches the exception from map(), prints it and how many tasks
ran, and exits with an error if map() came back before every task had run.

Real CPython: "map failed: KeyError('job 3')", "tasks that ran: 6", exit 0 in every run, fork and
spawn (CPython 3.8+'s MapResult: "only consider the result ready once all jobs are done").

mpsim claim tested: map() waits for every chunk and then re-raises the first failure; other tasks
are not cancelled, and map() does not return early.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import sys


def job(args):
    ran, n = args
    ran.append(n)
    if n == 3:
        raise KeyError(f"job {n}")
    return n


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        ran = manager.list()
        with multiprocessing.Pool(2) as pool:
            try:
                pool.map(job, [(ran, n) for n in range(6)], chunksize=1)
            except KeyError as exc:
                print(f"map failed: {exc!r}")
        print(f"tasks that ran: {len(ran)}")
        if len(ran) != 6:
            sys.exit("map() came back before every task had run")
