"""Two workers each pick at random (unseeded random.choice) which of two locks to take first.

What it does: each worker does `first = random.choice(["a", "b"])`, takes that lock, then the
other, prints and releases; three rounds each.

Real CPython: when the two workers pick different first locks at the same time they deadlock:
recorded hangs in most runs (fork and spawn, with the 0.01 s jitter), the others end with exit 0. (The forked children's random generators are reseeded
after fork; spawned children seed from the OS.)

mpsim claim tested: unseeded random in each process is nondeterminism that is not scheduling;
the deadlock is real (mpsim seeds random per process and may explore one choice only).
"""
# family: nondeterminism that is not scheduling
# oracle: --timeout 3
import multiprocessing
import random


def worker(name, locks):
    for _ in range(3):
        first = random.choice(["a", "b"])
        second = "b" if first == "a" else "a"
        with locks[first]:
            with locks[second]:
                print(f"{name}: {first} then {second}", flush=True)


if __name__ == "__main__":
    locks = {"a": multiprocessing.Lock(), "b": multiprocessing.Lock()}
    procs = [multiprocessing.Process(target=worker, args=(n, locks)) for n in ("w1", "w2")]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("done")
