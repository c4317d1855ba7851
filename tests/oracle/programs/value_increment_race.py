"""Two processes do `counter.value += 1` 10 times each without taking the lock.

Real CPython: with the jitter, updates are lost in every run: recorded totals 10-14 (never 20 in
40 runs); exit 0, no exception.

mpsim claim tested: the unlocked `+= 1` is a race finding (a lost update), which the real runs'
varying totals confirm; the outcomes list the possible totals.
"""
# family: races without asserts
import multiprocessing


def work(counter):
    for _ in range(10):
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    procs = [multiprocessing.Process(target=work, args=(counter,)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(f"total: {counter.value}")
