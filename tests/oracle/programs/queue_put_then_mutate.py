"""The producer reuses one dict for every message: it changes the dict right after q.put().

What it does: `msg = {"seq": 0}`; for seq in 0..2: msg["seq"] = seq; q.put(msg)`; the consumer
prints the three seq values it receives.

Real CPython: the item is pickled later by the queue's feeder thread, so the consumer receives
later values: recorded "[1, 2, 2]" in 40/40 runs (fork and spawn; a single unjittered run also
gave "[2, 2, 2]"); "[0, 1, 2]" never showed. Exit 0.

mpsim claim tested: README "Known limits": mpsim pickles at put() and shows only [0, 1, 2]; the
outcomes must contain every real one.
"""
# family: other real-world code
import multiprocessing


def producer(q):
    msg = {"seq": 0}
    for seq in range(3):
        msg["seq"] = seq
        q.put(msg)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()
    print([q.get()["seq"] for _ in range(3)])
    p.join()
