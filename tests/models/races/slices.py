"""Two processes fill slices of one Array by slice assignment: disjoint slices, no race (the
oracle's shared_array_slices.py: "[0.5, 0.5, 0.5, 1.5, 1.5, 1.5]" in every real run).  With
"overlap", their slices share cell 3: a race (real, 30 runs each with jitter: fork 20 x
"[0.5, 0.5, 0.5, 1.5, 1.5, 1.5]" and 10 x "[0.5, 0.5, 0.5, 0.5, 1.5, 1.5]", spawn 25 and 5)."""
import multiprocessing as mp
import sys


def fill(arr, k, width):
    arr[3 * k:3 * k + width] = [k + 0.5] * width


if __name__ == "__main__":
    width = 4 if sys.argv[1:] == ["overlap"] else 3
    arr = mp.Array("d", 7)
    ps = [mp.Process(target=fill, args=(arr, k, width)) for k in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(arr[:6])
