"""Workers fill disjoint slices of a shared Array (no lock: no two write the same element).

What it does: Array('d', 6); worker k writes arr[3k:3k+3] = [k + 0.5] * 3 by slice assignment;
the main block joins them and prints arr[:].

Real CPython: "[0.5, 0.5, 0.5, 1.5, 1.5, 1.5]", exit 0 in every run, fork and spawn.

mpsim claim tested: writes to different elements of one Array are not a race; a slice assignment
writes only its own elements.
"""
# family: races without asserts
# oracle: -n 40
import multiprocessing


def fill(arr, k):
    arr[3 * k:3 * k + 3] = [k + 0.5] * 3


if __name__ == "__main__":
    arr = multiprocessing.Array("d", 6)
    procs = [multiprocessing.Process(target=fill, args=(arr, k)) for k in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(arr[:])
