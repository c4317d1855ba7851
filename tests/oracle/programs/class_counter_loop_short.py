"""class_counter_loop.py with one message too few: the consumer waits for a fourth "job".

What it does: the consumer loops `while Stats.handled < 4: q.get()`; the producer sends three.

Real CPython: prints "handled job #1".."#3" and then hangs forever (the consumer blocks in
q.get(), the parent in join()), every run, fork and spawn.

mpsim claim tested: a deadlock must be found exactly here, not in class_counter_loop.py (the
class attribute is the only difference between loop iterations).
"""
# family: state a fingerprint might miss
# oracle: --timeout 3
import multiprocessing


class Stats:
    handled = 0


def consumer(q):
    while Stats.handled < 4:
        msg = q.get()
        Stats.handled += 1
        print(f"handled {msg} #{Stats.handled}", flush=True)
    print(f"consumer: done after {Stats.handled}")


def producer(q):
    for _ in range(3):
        q.put("job")


if __name__ == "__main__":
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=consumer, args=(q,)),
             multiprocessing.Process(target=producer, args=(q,))]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
