"""Passing data between processes with a Queue and a Pipe (the tutorial's basic usage).

Teaches: a Queue(maxsize=4) carries objects from any process to any other: put() stores an
object (waiting while four are already queued), get() takes the oldest one (waiting while there
is none).  A Pipe() is a two-way connection with exactly two ends: what one end send()s, the
other end recv()s, and close() ends a process's use of its end.  Here a child puts three
numbers into the queue for the main process, and the main process sends [42, None, 'hello']
through the pipe to a second child.

Expected mpsim verdict: no problem (no deadlock, no exception, terminates); the output is
"got 0", "got 1", "got 2" and "received [42, None, 'hello']" (the last may come before or
between the others).

Usage: python queue_pipe.py
"""
import multiprocessing
import sys


def producer(q):
    for i in range(3):
        q.put(i, block=True, timeout=None)


def receiver(child_conn):
    print("received", child_conn.recv())
    child_conn.close()


if __name__ == "__main__":
    if sys.argv[1:]:
        sys.exit("usage: python queue_pipe.py")
    q = multiprocessing.Queue(maxsize=4)
    p = multiprocessing.Process(target=producer, args=(q,))
    p.start()

    parent_conn, child_conn = multiprocessing.Pipe()
    r = multiprocessing.Process(target=receiver, args=(child_conn,))
    r.start()
    parent_conn.send([42, None, 'hello'])
    parent_conn.close()

    for _ in range(3):
        print("got", q.get(block=True))
    p.join()
    r.join()
