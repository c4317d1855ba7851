"""A Semaphore(2) limits how many of four workers run a section at once; a shared counter under
a lock tracks how many are inside and the maximum seen.

Real CPython: "max inside: 2", exit 0 in 40/40 runs, fork and spawn ("max inside: 1", no two
ever inside together, would need each worker to start after the one before had slept its 0.05 s).

mpsim claim tested: a semaphore admits at most its value at a time: never "max inside: 3" or 4.
"""
# family: other real-world code
# oracle: -n 40
import multiprocessing
import time


def worker(sem, lock, inside, peak):
    with sem:
        with lock:
            inside.value += 1
            peak.value = max(peak.value, inside.value)
        time.sleep(0.05)
        with lock:
            inside.value -= 1


if __name__ == "__main__":
    sem, lock = multiprocessing.Semaphore(2), multiprocessing.Lock()
    inside, peak = multiprocessing.Value("i", 0), multiprocessing.Value("i", 0)
    procs = [multiprocessing.Process(target=worker, args=(sem, lock, inside, peak)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"max inside: {peak.value}")
