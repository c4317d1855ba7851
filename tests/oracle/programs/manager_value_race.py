"""Two workers do `v.value += 1` on a Manager().Value five times each, without a lock (a read and a
write, two round trips to the manager).

Real CPython: with the jitter, updates are lost in every run: totals 5-8 (fork: 6 in 24/40 runs,
5 in 12, 7 in 3, 8 in 1; spawn: 5-7), never 10; exit 0.

mpsim claim tested: a read-modify-write through a manager proxy is a race (a lost update), which
the real runs' varying totals confirm.
"""
# family: races without asserts
# oracle: -n 40
import multiprocessing


def work(v):
    for _ in range(5):
        v.value += 1


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        v = manager.Value("i", 0)
        procs = [multiprocessing.Process(target=work, args=(v,)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print(f"total: {v.value}")
