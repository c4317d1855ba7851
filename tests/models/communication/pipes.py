"""multiprocessing.Pipe and its Connection ends (docs/semantics.md §10).

Usage: python pipes.py CASE [ARG...]   (each case_* function below; its docstring says what happens)
"""
import multiprocessing
import multiprocessing.connection
import sys
import time


def echo(conn):
    """Receive one message and send it back, doubled."""
    conn.send(conn.recv() * 2)


def case_duplex():
    """Both ends of a duplex Pipe send and receive."""
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=echo, args=(b,))
    p.start()
    a.send("ab")
    print("echo", a.recv())
    p.join()


def send_all(conn, *messages):
    for m in messages:
        conn.send(m)
    conn.close()


def case_one_way():
    """Pipe(False) is (reader, writer): the child writes, the parent reads, in order."""
    r, w = multiprocessing.Pipe(False)
    p = multiprocessing.Process(target=send_all, args=(w, 1, [42, None, "hello"]))
    p.start()
    print("readable", r.readable, r.writable, "writable", w.readable, w.writable)
    print("got", r.recv(), r.recv())
    p.join()


def case_send_on_reader():
    """send() on the read end of a one-way pipe: OSError: connection is read-only."""
    r, w = multiprocessing.Pipe(False)
    r.send(1)


def case_recv_on_writer():
    """recv() on the write end of a one-way pipe: OSError: connection is write-only."""
    r, w = multiprocessing.Pipe(False)
    w.recv()


def case_send_closed():
    """send() on an end this process closed: OSError: handle is closed."""
    a, b = multiprocessing.Pipe()
    a.close()
    a.send(1)


def case_recv_closed():
    """recv() on an end this process closed: OSError: handle is closed."""
    a, b = multiprocessing.Pipe()
    b.send(1)
    a.close()
    a.recv()


def case_poll_closed():
    """poll() on an end this process closed: OSError: handle is closed."""
    a, b = multiprocessing.Pipe()
    a.close()
    a.poll()


def case_close_twice():
    """close() is idempotent; closed says so."""
    a, b = multiprocessing.Pipe()
    a.close()
    a.close()
    print("closed", a.closed, b.closed)


def case_delivered_after_close():
    """Messages already sent are delivered after the sender closed; then EOFError."""
    a, b = multiprocessing.Pipe()
    a.send("last words")
    a.close()
    print("got", b.recv())
    b.recv()


def case_broken_pipe_one_way():
    """send_bytes(b"") after every copy of the reader is closed: BrokenPipeError."""
    r, w = multiprocessing.Pipe(False)
    r.close()
    w.send_bytes(b"")


def case_broken_pipe_duplex():
    """send() to a duplex end whose peer is closed everywhere: BrokenPipeError."""
    a, b = multiprocessing.Pipe()
    b.close()
    a.send("anyone?")


def eof_reader(conn):
    while True:
        try:
            print("child got", conn.recv())
        except EOFError:
            print("child: EOF")
            return


def case_child_waits_for_eof():
    """The parent sends, closes its end and joins.  Under spawn the child holds only the end it
    was given, so once the parent closed its end the child's recv() raises EOFError and it
    ends.  Under fork the child also inherited the parent's end and never closed it: its recv()
    waits for ever - a deadlock."""
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=eof_reader, args=(b,))
    p.start()
    a.send(1)
    a.close()
    p.join()


def say_and_go(conn):
    conn.send("bye")


def case_parent_keeps_child_end():
    """The child sends and exits, but the parent still holds a copy of the child's end: its
    second recv() waits for ever (both start methods)."""
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=say_and_go, args=(b,))
    p.start()
    print("got", a.recv())
    p.join()
    a.recv()


def case_parent_closes_child_end():
    """The same, with the parent closing its copy of the child's end: EOFError."""
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=say_and_go, args=(b,))
    p.start()
    b.close()
    print("got", a.recv())
    p.join()
    a.recv()


def send_then_recv(conn, size):
    conn.send_bytes(b"c" * size)
    print("child received", len(conn.recv_bytes()))


def both_send(size):
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=send_then_recv, args=(b, size))
    p.start()
    a.send_bytes(b"p" * size)
    print("parent received", len(a.recv_bytes()))
    p.join()


def case_both_send_215000():
    """Both ends send 215,000 bytes, then receive: it fits the socket buffers."""
    both_send(215000)


def case_both_send_220000():
    """Both ends send 220,000 bytes, then receive: deadlock."""
    both_send(220000)


def case_partial_write():
    """A one-way send of 100,000 bytes writes part, waits for the reader, then finishes."""
    r, w = multiprocessing.Pipe(False)
    p = multiprocessing.Process(target=send_all, args=(w, b"z" * 100000))
    p.start()
    print("got", len(r.recv()))
    p.join()


def case_partial_write_unread():
    """The same with nobody reading: the writer stays blocked in send() - a deadlock."""
    r, w = multiprocessing.Pipe(False)
    p = multiprocessing.Process(target=send_all, args=(w, b"z" * 100000))
    p.start()
    p.join()


def case_unread(duplex, size):
    """One send_bytes of SIZE bytes that nobody reads: it completes while SIZE + 4 fits the buffer
    (65,536 bytes one-way, 219,268 duplex), and otherwise waits for ever."""
    a, b = multiprocessing.Pipe(duplex == "duplex")
    b.send_bytes(b"x" * int(size))
    print("sent", size)


def big_send(conn):
    conn.send_bytes(b"x" * 300000)


def case_killed_mid_send():
    """The sender is terminated in the middle of a send (or before it): recv raises OSError: got
    end of file during message (or EOFError)."""
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=big_send, args=(b,))
    p.start()
    b.close()
    time.sleep(0.5)
    p.terminate()
    p.join()
    print("exit code", p.exitcode)
    a.recv_bytes()


def case_wait_any():
    """connection.wait returns what is ready among a connection and a child's sentinel: the data
    comes before the child ends, so the connection is always among them."""
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=send_all, args=(b, "hello"))
    p.start()
    b.close()
    ready = multiprocessing.connection.wait([a, p.sentinel])
    print("ready:", sorted("connection" if r is a else "sentinel" for r in ready))
    p.join()


def case_wait_timeout():
    """connection.wait with a timeout and nothing ready returns []."""
    a, b = multiprocessing.Pipe()
    print("ready:", multiprocessing.connection.wait([a], timeout=0.1))


def case_wait_forever():
    """connection.wait on a connection nobody will write to, whose other end stays open: it
    waits for ever."""
    a, b = multiprocessing.Pipe()
    multiprocessing.connection.wait([a])


def case_wait_closed():
    """connection.wait on a closed connection: OSError: handle is closed."""
    a, b = multiprocessing.Pipe()
    a.close()
    multiprocessing.connection.wait([a])


def case_bytes():
    """send_bytes with offset and size, recv_bytes, recv_bytes_into, poll."""
    a, b = multiprocessing.Pipe()
    print("poll before", b.poll())
    a.send_bytes(b"0123456789", 2, 3)
    print("poll after", b.poll())
    print("recv_bytes", b.recv_bytes())
    a.send_bytes(b"abc")
    buf = bytearray(5)
    print("recv_bytes_into", b.recv_bytes_into(buf, 1), bytes(buf))
    a.close()
    print("poll at EOF", b.poll())


def case_poll_timeout():
    """poll(timeout) while a child may or may not have sent yet: False or True."""
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=say_and_go, args=(b,))
    p.start()
    print("poll", a.poll(0.5))
    print("got", a.recv())
    p.join()


def case_recv_bytes_into_short():
    """recv_bytes_into a buffer too small: multiprocessing.context.BufferTooShort."""
    a, b = multiprocessing.Pipe()
    a.send_bytes(b"abcdef")
    b.recv_bytes_into(bytearray(3))


def case_recv_bytes_maxlength():
    """recv_bytes(maxlength) shorter than the message: OSError: bad message length."""
    a, b = multiprocessing.Pipe()
    a.send_bytes(b"abcdef")
    b.recv_bytes(3)


def bad_length(duplex):
    r, w = multiprocessing.Pipe(duplex)
    w.send_bytes(b"abcdef")
    try:
        r.recv_bytes(3)
    except OSError as e:
        print("caught", e, "closed", r.closed, "readable", r.readable)
    return r, w


def case_maxlength_duplex():
    """After a bad message length a duplex end stays open but is no longer readable."""
    r, w = bad_length(True)
    r.recv()


def case_maxlength_one_way():
    """After a bad message length a read-only end is closed: the writer gets BrokenPipeError."""
    r, w = bad_length(False)
    w.send(1)


if __name__ == "__main__":
    if len(sys.argv) < 2 or "case_" + sys.argv[1] not in globals():
        sys.exit(f"usage: python pipes.py CASE [ARG...]   (unknown case {sys.argv[1:]})")
    globals()["case_" + sys.argv[1]](*sys.argv[2:])
