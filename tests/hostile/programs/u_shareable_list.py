"""Unsupported API: multiprocessing.shared_memory.ShareableList shared with a child.

Plain python: the child increments the first item, main sees 2; exit 0.  A good checker: "not
modelled" naming ShareableList (exit 2), and no /dev/shm/psm_* block left behind.

expect: exit 2 not-modelled ShareableList
"""
import multiprocessing
from multiprocessing import shared_memory  # expect-line


def work(name):
    sl = shared_memory.ShareableList(name=name)  # expect-line
    sl[0] += 1
    sl.shm.close()


if __name__ == "__main__":
    sl = shared_memory.ShareableList([1, "two", 3.0])  # expect-line
    try:
        p = multiprocessing.Process(target=work, args=(sl.shm.name,))
        p.start()
        p.join()
        assert sl[0] == 2
    finally:
        sl.shm.close()
        sl.shm.unlink()
