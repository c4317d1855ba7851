"""Unsupported API: a socket pair shared with a forked child.

Plain python: the child sends b"ping", main receives it (recv blocks until then); exit 0.  A good
checker: "not modelled" naming socket (exit 2) - a real recv() inside the checker, before the
simulated child has sent, would block the whole checker for ever.  (Saying so where the socket reaches the child, at p.start(),
will do.)

expect: exit 2 not-modelled socket
"""
import multiprocessing
import socket


def work(sock):
    sock.sendall(b"ping")


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    a, b = socket.socketpair()  # expect-line
    p = multiprocessing.Process(target=work, args=(b,))
    p.start()  # expect-line
    assert a.recv(4) == b"ping"
    p.join()
    a.close()
    b.close()
