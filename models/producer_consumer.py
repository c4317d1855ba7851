"""Producers and a consumer on a multiprocessing.Queue - the benchmark's queue row.

Teaches: each producer puts its items and then a None "I am done" marker; the consumer gets
until it has seen one marker per producer.  Items from one producer arrive in order, items from
different producers interleave in any order, and a put() returns before its item is in the pipe
(the feeder thread writes it later).  mpsim should find no problem.

Usage: python producer_consumer.py [ITEMS] [PRODUCERS]   (defaults: 2 items, 2 producers)
"""
import multiprocessing
import sys

USAGE = "usage: python producer_consumer.py [ITEMS] [PRODUCERS]"


def producer(q, pid, items):
    for i in range(items):
        q.put((pid, i))
    q.put(None)


def consumer(q, producers):
    done = 0
    seen = []
    while done < producers:
        item = q.get()
        if item is None:
            done += 1
        else:
            seen.append(item)
    for pid in range(producers):
        mine = [i for p, i in seen if p == pid]
        assert mine == sorted(mine), f"producer {pid}'s items out of order: {mine}"
    print("consumer got", len(seen), "items")


if __name__ == "__main__":
    try:
        items, producers = [int(a) for a in sys.argv[1:]] + [2, 2][len(sys.argv[1:]):]
    except ValueError:
        sys.exit(USAGE)
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=producer, args=(q, p, items)) for p in range(producers)]
    procs.append(multiprocessing.Process(target=consumer, args=(q, producers)))
    for p in procs:
        p.start()
    for p in procs:
        p.join()
