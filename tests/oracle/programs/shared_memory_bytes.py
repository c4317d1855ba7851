"""multiprocessing.shared_memory: the parent creates a SharedMemory block, a worker attaches to it
by name and writes into it, the parent reads the bytes after join().

Real CPython: "b'hello'", exit 0 in every run, fork and spawn.

mpsim claim tested: shared_memory.SharedMemory (Python 3.8+'s shared buffer) is shared between
processes by name.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
from multiprocessing import shared_memory


def worker(name):
    shm = shared_memory.SharedMemory(name=name)
    shm.buf[:5] = b"hello"
    shm.close()


if __name__ == "__main__":
    shm = shared_memory.SharedMemory(create=True, size=16)
    try:
        p = multiprocessing.Process(target=worker, args=(shm.name,))
        p.start()
        p.join()
        print(bytes(shm.buf[:5]))
    finally:
        shm.close()
        shm.unlink()
