"""Pickling error: a child sends a lambda through a Pipe.

Plain python: send() pickles at once and raises (PicklingError / AttributeError "Can't pickle
...lambda"); the child dies with exit code 1.  A good
checker: an exception finding that names the pickling failure (exit 1).

expect: exit 1 exception pickle
"""
import multiprocessing


def work(conn):
    conn.send(lambda: 42)


if __name__ == "__main__":
    recv_end, send_end = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=work, args=(send_end,), name="sender")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
