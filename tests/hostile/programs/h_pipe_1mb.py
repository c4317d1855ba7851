"""Huge value: a child sends a 1 MB message through a Pipe; main receives it before joining.

Plain python: send() blocks until main has read enough; exit 0.  A good checker: clean (exit 0)
within the time limit.

expect: exit 0 clean
"""
import multiprocessing

SIZE = 1024 * 1024


def work(conn):
    conn.send_bytes(b"y" * SIZE)
    conn.send({"size": SIZE, "data": b"z" * SIZE})
    conn.close()


if __name__ == "__main__":
    recv_end, send_end = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=work, args=(send_end,), name="sender")
    p.start()
    assert len(recv_end.recv_bytes()) == SIZE
    msg = recv_end.recv()
    assert len(msg["data"]) == msg["size"] == SIZE
    p.join()
