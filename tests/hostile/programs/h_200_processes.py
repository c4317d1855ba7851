"""Huge value: 200 processes (bounded), each adding 1 to a shared counter under its lock.

Plain python: the counter is 200; exit 0.  The state space is astronomically large, so a good
checker either proves it clean (exit 0, e.g. by reduction) or stops at the time limit with an
incomplete search (exit 3) within a second of the limit - never a hang, never running out of
memory.

expect: exit 0 clean
expect: exit 3 budget
"""
import multiprocessing

N = 200


def add(counter):
    with counter.get_lock():
        counter.value += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    procs = [multiprocessing.Process(target=add, args=(counter,)) for _ in range(N)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    assert counter.value == N, counter.value
