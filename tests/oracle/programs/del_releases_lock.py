"""A guard object acquires a lock in __init__ and releases it in __del__ (refcount-based RAII).

What it does: two workers each create a Section (acquire), print, and drop their only reference
(`section = None`), which runs __del__ (release, print); each does this twice.

Real CPython: __del__ runs at once when the last reference goes, so the lock is always released:
eight lines, each worker's "enter"/"leave" pairs never overlap the other's; exit 0 under fork and
spawn.

mpsim claim tested: __del__ runs when the last reference disappears, also in a simulated process
(a simulator that keeps extra references to locals would deadlock here).
"""
# family: per-process interpreter state
import multiprocessing


class Section:
    def __init__(self, lock, who):
        self.lock, self.who = lock, who
        self.lock.acquire()
        print(f"{who}: enter", flush=True)

    def __del__(self):
        print(f"{self.who}: leave", flush=True)
        self.lock.release()


def worker(lock, who):
    for _ in range(2):
        section = Section(lock, who)
        section = None


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    procs = [multiprocessing.Process(target=worker, args=(lock, w)) for w in ("A", "B")]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("main: done")
