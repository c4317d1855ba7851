"""A poll function that counts its own calls in a function attribute; the worker stops after 3.

What it does: poll() increments `poll.calls` and takes a token from a Semaphore; the worker
loops `while poll.calls < 3: poll(sem)`; the parent releases the semaphore three times.

Real CPython: prints "poll 1".."poll 3" and "worker: stopped", exit 0 under fork and spawn.

mpsim claim tested: a fingerprint must see function attributes (locals are identical in every
iteration).
"""
# family: state a fingerprint might miss
import multiprocessing


def poll(sem):
    poll.calls += 1
    sem.acquire()
    print(f"poll {poll.calls}")


poll.calls = 0


def worker(sem):
    while poll.calls < 3:
        poll(sem)
    print("worker: stopped")


if __name__ == "__main__":
    sem = multiprocessing.Semaphore(0)
    p = multiprocessing.Process(target=worker, args=(sem,))
    p.start()
    for _ in range(3):
        sem.release()
    p.join()
