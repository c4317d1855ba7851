"""Huge value: a child puts one 10 MB item into a Queue; main gets it before joining.

Plain python: the feeder thread writes the pickled item through the pipe while main reads it;
exit 0.  A good checker: clean (exit 0) within the time limit - a big item is many pipe-fulls, but
one message.

expect: exit 0 clean
"""
import multiprocessing

SIZE = 10 * 1024 * 1024


def work(q):
    q.put(b"x" * SIZE)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=work, args=(q,), name="producer")
    p.start()
    item = q.get()
    p.join()
    assert len(item) == SIZE
