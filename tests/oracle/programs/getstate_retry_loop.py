"""A job object whose __getstate__ leaves out its transient retry counter, used in a retry loop.

What it does: Job.__getstate__ drops `attempts` (it is transient: a fresh copy restarts at 0).
The worker retries `while job.attempts < 3:` taking the shared lock each time; the job is
created inside the worker.

Real CPython: prints "attempt 1".."attempt 3" and "gave up after 3 attempts", exit 0, fork and
spawn.

mpsim claim tested: a fingerprint that canonicalises objects through __getstate__/pickle would see
every iteration as the same state (and could call the loop infinite); it must see `attempts`.
"""
# family: state a fingerprint might miss
import multiprocessing


class Job:
    def __init__(self, name):
        self.name = name
        self.attempts = 0

    def __getstate__(self):
        return {"name": self.name}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.attempts = 0


def worker(lock):
    job = Job("sync-users")
    while job.attempts < 3:
        with lock:
            job.attempts += 1
            print(f"{job.name}: attempt {job.attempts}")
    print(f"gave up after {job.attempts} attempts")


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    p = multiprocessing.Process(target=worker, args=(lock,))
    p.start()
    p.join()
