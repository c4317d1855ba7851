"""The parent reads from a Pipe until EOFError but never closes its own copy of the child's end.

What it does: the child sends three messages and closes its end; the parent loops
`conn.recv()` until EOFError.

Real CPython: three "got ..." lines and then the parent waits forever: the child's end is still
open in the parent (it created it), so EOF never comes. Every run hangs, fork and spawn.

mpsim claim tested: EOF only when every copy of the other end is closed (a deadlock finding).
"""
# family: other real-world code
# oracle: --timeout 3
import multiprocessing


def sender(conn):
    for word in ("red", "green", "blue"):
        conn.send(word)
    conn.close()


if __name__ == "__main__":
    parent_conn, child_conn = multiprocessing.Pipe()
    p = multiprocessing.Process(target=sender, args=(child_conn,))
    p.start()
    try:
        while True:
            print(f"got {parent_conn.recv()}", flush=True)
    except EOFError:
        print("no more messages")
    p.join()
