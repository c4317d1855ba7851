"""The logging cookbook's pattern: workers log through a QueueHandler, a listener process writes.

What it does: a listener process takes LogRecords from a queue and handles them with a stdout
handler until it gets None; three workers configure their root logger with a QueueHandler and log
two messages each; the main block joins the workers, sends None and joins the listener.

Real CPython: six lines "worker-N: message" (N = 1..3, each worker's two lines in order, workers
interleaved in any order), exit 0 under fork and spawn.

mpsim claim tested: per-process logging configuration and LogRecords pickled through a Queue.
"""
# family: per-process interpreter state
import logging
import logging.handlers
import multiprocessing
import sys


def listener_process(queue):
    root = logging.getLogger()
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(processName)s: %(message)s"))
    root.addHandler(handler)
    while True:
        record = queue.get()
        if record is None:
            break
        logger = logging.getLogger(record.name)
        logger.handle(record)


def worker_process(queue, n):
    root = logging.getLogger()
    root.addHandler(logging.handlers.QueueHandler(queue))
    root.setLevel(logging.DEBUG)
    logger = logging.getLogger("app")
    logger.info("starting job %d", n)
    logger.info("finished job %d", n)


if __name__ == "__main__":
    queue = multiprocessing.Queue(-1)
    listener = multiprocessing.Process(target=listener_process, args=(queue,))
    listener.start()
    workers = [multiprocessing.Process(target=worker_process, args=(queue, n), name=f"worker-{n}")
               for n in (1, 2, 3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    queue.put_nowait(None)
    listener.join()
