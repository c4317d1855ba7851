"""A producer with a bounded queue drops items when the consumer is slow: put(timeout=0.1) raises
queue.Full.

What it does: Queue(maxsize=1); the consumer sleeps 0.5 s before it starts reading; the producer
(main) puts 3 items with put(timeout=0.1), counting the ones that raise queue.Full; then it puts
None (blocking) to stop the consumer and prints what the consumer got.

Real CPython: "dropped 2", "consumer got ['a']", exit 0 in every run, fork and spawn.

mpsim claim tested: a put on a full bounded queue times out (queue.Full) when the consumer sleeps
longer than the timeout.
"""
# family: time
# oracle: -n 40
import multiprocessing
import queue
import time


def consumer(q, out):
    time.sleep(0.5)
    got = []
    while (item := q.get()) is not None:
        got.append(item)
    out.put(got)


if __name__ == "__main__":
    q, out = multiprocessing.Queue(maxsize=1), multiprocessing.Queue()
    p = multiprocessing.Process(target=consumer, args=(q, out))
    p.start()
    dropped = 0
    for item in "abc":
        try:
            q.put(item, timeout=0.1)
        except queue.Full:
            dropped += 1
    q.put(None)
    print(f"dropped {dropped}")
    print(f"consumer got {out.get()}")
    p.join()
