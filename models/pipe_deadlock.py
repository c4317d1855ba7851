"""Both ends of a Pipe send a large message before receiving.

Teaches: a Pipe's send() writes into an OS buffer of limited size (here about 219 KB per
direction) and waits while that buffer is full, until the other end recv()s.  If the two
processes both send a big message first and only then receive, each waits for the other to
read: a deadlock.  Small messages fit in the buffer, so the same program works (argument
`small`) - which is why this bug hides until the data grows.  Fixes: one side receives before it
sends, or the messages are kept small.

Expected mpsim verdicts:
  (default: 300,000-character messages) -> deadlock: MainProcess and the child each in send()
  small (1,000-character messages)      -> no problem

Usage: python pipe_deadlock.py [small]
"""
import multiprocessing
import sys


def child(conn, size):
    conn.send("c" * size)
    reply = conn.recv()
    print("child received", len(reply), "characters")


if __name__ == "__main__":
    if sys.argv[1:] not in ([], ["small"]):
        sys.exit("usage: python pipe_deadlock.py [small]")
    size = 1000 if sys.argv[1:] == ["small"] else 300_000
    parent_conn, child_conn = multiprocessing.Pipe()
    p = multiprocessing.Process(target=child, args=(child_conn, size))
    p.start()
    parent_conn.send("p" * size)
    reply = parent_conn.recv()
    print("parent received", len(reply), "characters")
    p.join()
