"""A worker rejects bad input with sys.exit(2); the parent checks exit codes and exits with 1.

What it does: worker("") calls sys.exit(2) ("empty name"); the parent prints the exit codes and
calls sys.exit(1) when any worker failed.

Real CPython: stdout "worker ann ok", "exit codes [0, 2]", "some workers failed"; the process exits
with code 1 and no traceback (SystemExit is not printed), fork and spawn.

mpsim claim tested: a non-zero exit of the main program (sys.exit(1)) is a failure mpsim must
report; sys.exit(2) in a child gives exit code 2.
"""
# family: other real-world code
import multiprocessing
import sys


def worker(name):
    if not name:
        sys.exit(2)
    print(f"worker {name} ok", flush=True)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=worker, args=(n,)) for n in ("ann", "")]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    codes = [p.exitcode for p in procs]
    print(f"exit codes {codes}")
    if any(codes):
        print("some workers failed")
        sys.exit(1)
