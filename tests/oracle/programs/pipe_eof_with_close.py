"""pipe_eof_without_close.py done right: the parent closes its copy of the child's end after
start().

Real CPython: "got red", "got green", "got blue", "no more messages", exit 0, fork and spawn.

mpsim claim tested: EOFError arrives once all copies of the writing end are closed; no finding.
"""
# family: other real-world code
import multiprocessing


def sender(conn):
    for word in ("red", "green", "blue"):
        conn.send(word)
    conn.close()


if __name__ == "__main__":
    parent_conn, child_conn = multiprocessing.Pipe()
    p = multiprocessing.Process(target=sender, args=(child_conn,))
    p.start()
    child_conn.close()
    try:
        while True:
            print(f"got {parent_conn.recv()}")
    except EOFError:
        print("no more messages")
    p.join()
