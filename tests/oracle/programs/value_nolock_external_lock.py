"""A RawValue-style counter (Value(..., lock=False)) protected by a separate Lock that every
worker takes around its read-modify-write.

Real CPython: "total 15", exit 0 in every run, fork and spawn.

mpsim claim tested: accesses ordered by a common lock are not a race, even when the Value has no
lock of its own.
"""
# family: races without asserts
# oracle: -n 40
import multiprocessing


def work(counter, lock):
    for _ in range(5):
        with lock:
            counter.value += 1


if __name__ == "__main__":
    counter, lock = multiprocessing.Value("i", 0, lock=False), multiprocessing.Lock()
    procs = [multiprocessing.Process(target=work, args=(counter, lock)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"total {counter.value}")
