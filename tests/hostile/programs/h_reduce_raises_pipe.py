"""Pickling error: an object whose __reduce__ raises, sent through a Pipe by a child.

Plain python: send() calls __reduce__, which raises ValueError("not for sending"); the child dies
with exit code 1.  A good checker: an exception finding (ValueError: not for sending) for the
child - the model's __reduce__ runs in the model's process, and its exception is the model's.

expect: exit 1 exception ValueError: not for sending
"""
import multiprocessing


class Secret:
    def __reduce__(self):
        raise ValueError("not for sending")


def work(conn):
    conn.send(Secret())


if __name__ == "__main__":
    recv_end, send_end = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=work, args=(send_end,), name="sender")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
