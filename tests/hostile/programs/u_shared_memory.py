"""Unsupported API: multiprocessing.shared_memory.SharedMemory shared with a child.

Plain python: the child writes b"hi" into the block, main reads it, closes and unlinks it;
exit 0.  A good checker: "not modelled" naming SharedMemory (exit 2) - and no /dev/shm/psm_*
block left behind.

expect: exit 2 not-modelled SharedMemory
"""
import multiprocessing
from multiprocessing import shared_memory  # expect-line


def work(name):
    shm = shared_memory.SharedMemory(name=name)  # expect-line
    shm.buf[:2] = b"hi"
    shm.close()


if __name__ == "__main__":
    shm = shared_memory.SharedMemory(create=True, size=16)  # expect-line
    try:
        p = multiprocessing.Process(target=work, args=(shm.name,))
        p.start()
        p.join()
        assert bytes(shm.buf[:2]) == b"hi"
    finally:
        shm.close()
        shm.unlink()
