"""A sampler process produces readings every 20 ms until a deadline 0.2 s away, then a None.

What it does: `deadline = time.time() + 0.2; while time.time() < deadline: q.put(n); n += 1;
time.sleep(0.02)`; the parent counts readings until None.

Real CPython: "got # readings" (about 9-10; masked), exit 0, fork and spawn.

mpsim claim tested: time.time() and time.sleep on one clock: the loop ends once the sleeps add up
to the deadline (finitely many states; no nontermination).
"""
# family: time
# oracle: --mask-numbers
import multiprocessing
import time


def sampler(q):
    deadline = time.time() + 0.2
    n = 0
    while time.time() < deadline:
        q.put(n)
        n += 1
        time.sleep(0.02)
    q.put(None)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=sampler, args=(q,))
    p.start()
    count = 0
    while q.get() is not None:
        count += 1
    p.join()
    print(f"got {count} readings")
