"""The parent waits for results by iterating over a dict of pending jobs and deleting finished
ones inside the loop.

What it does: `pending = {"a": p1, "b": p2, "c": p3}`; `for name in pending:` it takes a finished
name from the results queue and `del pending[done]`.

Real CPython: after the first deletion the next step of the loop raises RuntimeError: dictionary
changed size during iteration in the parent (exit 1); the workers finish normally. Fork and
spawn. The first "finished" line can name any worker. Under spawn 1/20 runs also showed
FileNotFoundError: [Errno 2] No such file or directory (a child still starting when the parent
died and its queue's semaphores were unlinked).

mpsim claim tested: a for loop over a dict that the body mutates (the iterator's state is not in
any local); the finding is that RuntimeError, in MainProcess.
"""
# family: state a fingerprint might miss
import multiprocessing


def worker(name, results):
    results.put(name)


if __name__ == "__main__":
    results = multiprocessing.Queue()
    pending = {n: multiprocessing.Process(target=worker, args=(n, results)) for n in "abc"}
    for p in pending.values():
        p.start()
    for name in pending:
        done = results.get()
        print(f"finished: {done}")
        pending[done].join()
        del pending[done]
    print("all finished")
