"""Odd value: an object whose __reduce__ rebuilds it by calling os.getpid() in the receiver.

    def __reduce__(self):
        return (os.getpid, ())

Unpickled in the child, it becomes the child's own pid.  Plain python: the child's assertion holds
(fork or spawn); exit 0.  A good checker: clean (exit 0) - the receiver's unpickling is the
receiver's code, seeing the receiver's (simulated) pid, not the checker's real one.

expect: exit 0 clean
"""
import multiprocessing
import os


class MyPid:
    def __reduce__(self):
        return (os.getpid, ())


def work(conn):
    value = conn.recv()
    assert value == os.getpid(), (value, os.getpid())


if __name__ == "__main__":
    recv_end, send_end = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=work, args=(recv_end,), name="receiver")
    p.start()
    send_end.send(MyPid())
    p.join()
    assert p.exitcode == 0, p.exitcode
