"""A QueueHandler's emit is a queue operation inside logging's handler lock: the lock must still
be held by the process when the operation returns (it is released right after), under fork and
spawn alike."""
import logging
import logging.handlers
import multiprocessing
import sys


def worker(q):
    root = logging.getLogger()
    root.addHandler(logging.handlers.QueueHandler(q))
    root.setLevel(logging.INFO)
    logging.getLogger("app").info("one")
    logging.getLogger("app").info("two")


if __name__ == "__main__":
    ctx = multiprocessing.get_context(sys.argv[1] if len(sys.argv) > 1 else "fork")
    q = ctx.Queue()
    p = ctx.Process(target=worker, args=(q,))
    p.start()
    print(q.get().getMessage(), q.get().getMessage())
    p.join()
