"""Pool.imap with a chunksize over records where one record is bad: the caller's loop sees the
results in order up to the bad one, then the worker's exception.

What it does: Pool(2).imap(parse, records, chunksize=2) where parse("x") raises ValueError; the
main loop prints each parsed value as it comes; the exception propagates out of the loop.

Real CPython: "parsed 1", "parsed 2" then ValueError: bad record 'x' (exit 1) in every run, fork
and spawn (imap keeps the order; the results after the bad one are never printed).

mpsim claim tested: imap re-raises a task's exception at its place in the order, after the
results before it; the results after it are never seen.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def parse(record):
    if not record.isdigit():
        raise ValueError(f"bad record {record!r}")
    return int(record)


if __name__ == "__main__":
    records = ["1", "2", "x", "4", "5"]
    with multiprocessing.Pool(2) as pool:
        for value in pool.imap(parse, records, chunksize=2):
            print(f"parsed {value}")
