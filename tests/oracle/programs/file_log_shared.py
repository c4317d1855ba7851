"""Three workers append a line each to a log file; the parent counts the lines afterwards.

What it does: the parent creates a temporary file; each worker opens it in append mode and
writes "worker N done"; after joining, the parent reads the file and raises RuntimeError if it
does not have 3 lines.

Real CPython: "3 lines: worker 0 done, ..." (order varies), exit 0, fork and spawn. Files are
shared between processes like any other OS resource.

mpsim claim tested: side effects outside multiprocessing (the file system) happen once per real
process run; a simulator that re-runs or memoises code must not lose or duplicate them.
"""
# family: other real-world code
import multiprocessing
import os
import tempfile


def worker(path, n):
    with open(path, "a") as f:
        f.write(f"worker {n} done\n")


if __name__ == "__main__":
    fd, path = tempfile.mkstemp(suffix=".log")
    os.close(fd)
    try:
        procs = [multiprocessing.Process(target=worker, args=(path, n)) for n in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        with open(path) as f:
            lines = f.read().splitlines()
        if len(lines) != 3:
            raise RuntimeError(f"expected 3 lines in the log, found {len(lines)}")
        print(f"{len(lines)} lines: {', '.join(sorted(lines))}")
    finally:
        os.unlink(path)
