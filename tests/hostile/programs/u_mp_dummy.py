"""Unsupported API: multiprocessing.dummy (the thread-backed Pool and Process).

Plain python: a pool of two threads maps str over 1..3; exit 0.  A good checker: "not modelled"
naming multiprocessing.dummy (exit 2).

expect: exit 2 not-modelled multiprocessing.dummy
"""
import multiprocessing.dummy  # expect-line

if __name__ == "__main__":
    with multiprocessing.dummy.Pool(2) as pool:  # expect-line
        assert pool.map(str, [1, 2, 3]) == ["1", "2", "3"]
