"""Interpreter abuse: a child allocates 200 MB, 10 MB at a time, with an operation after every
allocation, then frees it all.

Plain python peaks at about 200 MB and exits 0.  A good checker: clean (exit 0) - without copying
or hashing the model's memory so often that it runs out itself.

expect: exit 0 clean
"""
import multiprocessing


def hog(lock):
    chunks = []
    for i in range(20):
        chunks.append(bytearray(10 * 1024 * 1024))
        with lock:
            pass
    total = sum(len(c) for c in chunks)
    del chunks
    assert total == 200 * 1024 * 1024


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=hog, args=(lock,), name="hog")
    p.start()
    p.join()
    assert p.exitcode == 0, p.exitcode
