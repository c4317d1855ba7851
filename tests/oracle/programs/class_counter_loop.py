"""A consumer that stops after a fixed number of messages, counting them in a class attribute.

What it does: Stats.handled (a class attribute) counts messages; the consumer loops
`while Stats.handled < 3: q.get()`. The producer sends three messages "job".

Real CPython: prints "handled job #1".."#3" and "consumer: done after 3", exit 0 under fork and
spawn.

mpsim claim tested: a fingerprint must see class attributes; all loop iterations have equal
locals (the message is always "job"), only Stats.handled differs.
"""
# family: state a fingerprint might miss
import multiprocessing


class Stats:
    handled = 0


def consumer(q):
    while Stats.handled < 3:
        msg = q.get()
        Stats.handled += 1
        print(f"handled {msg} #{Stats.handled}")
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
