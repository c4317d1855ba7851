"""Pickling error: a child sends a list nested 100,000 deep through a Pipe.

Plain python: pickling recurses too deep ("RecursionError: maximum recursion depth exceeded while
pickling an object"); the child dies with exit code 1.  A good checker: an exception finding
(RecursionError) for the child - the pickling happens in the model's process, its failure is the
model's, not the checker's.

expect: exit 1 exception RecursionError
"""
import multiprocessing


def work(conn):
    deep = []
    for _ in range(100_000):
        deep = [deep]
    conn.send(deep)


if __name__ == "__main__":
    recv_end, send_end = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=work, args=(send_end,), name="deep-sender")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
