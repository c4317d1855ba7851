"""Unsupported API: multiprocessing.connection.Listener and Client (over a local socket).

Plain python: the child connects and sends "hello", main accepts and receives it; exit 0.  A good
checker: "not modelled" naming Listener (exit 2) - a real socket opened inside the checker could
block it for ever.

expect: exit 2 not-modelled Listener
"""
import multiprocessing
from multiprocessing.connection import Client, Listener  # expect-line


def work(address):
    with Client(address, authkey=b"k") as conn:
        conn.send("hello")


if __name__ == "__main__":
    with Listener(("127.0.0.1", 0), authkey=b"k") as listener:  # expect-line
        p = multiprocessing.Process(target=work, args=(listener.address,))
        p.start()
        with listener.accept() as conn:
            assert conn.recv() == "hello"
        p.join()
