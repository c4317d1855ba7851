"""Children end with sys.exit(3), sys.exit("bad config") and sys.exit(None); the parent prints
their exit codes.

Real CPython: "exit codes [3, 1, 0]", exit 0 in every run, fork and spawn (a string argument is
printed to stderr and gives exit code 1; None gives 0; no traceback).

mpsim claim tested: Process.exitcode follows sys.exit's argument the way CPython's
Process._bootstrap does; a child's sys.exit is not an exception finding.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import sys


def worker(arg):
    sys.exit(arg)


if __name__ == "__main__":
    procs = [multiprocessing.Process(target=worker, args=(a,)) for a in (3, "bad config", None)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"exit codes {[p.exitcode for p in procs]}")
