"""Pool.imap_unordered with a chunksize: results arrive in any order; the caller sorts them.

What it does: Pool(2).imap_unordered(score, range(8), chunksize=3); the main block collects the
results into a list, prints how many arrived, the sorted list and the sum.

Real CPython: "8 results", "sorted [0, 1, 4, 9, 16, 25, 36, 49]", "sum 140", exit 0 in every
run, fork and spawn.

mpsim claim tested: imap_unordered with chunks delivers every result exactly once; a plain program
gets no finding.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing


def score(n):
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        results = list(pool.imap_unordered(score, range(8), chunksize=3))
    print(f"{len(results)} results")
    print(f"sorted {sorted(results)}")
    print(f"sum {sum(results)}")
