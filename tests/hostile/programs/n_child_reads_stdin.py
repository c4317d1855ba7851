"""Never reaching an operation: a child reads a line from sys.stdin.

multiprocessing gives a child /dev/null as its stdin (CPython closes sys.stdin and reopens it on
os.devnull), so readline() returns "" at once.  Plain python: main receives "" and exits 0, also
when its own stdin is a terminal nobody types into.  A good checker: clean (exit 0) - it must not
wait for its own stdin (the test gives it a pipe that stays open and empty).

expect: exit 0 clean
"""
import multiprocessing
import sys


def reader(q):
    q.put(sys.stdin.readline())


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=reader, args=(q,), name="reader")
    p.start()
    line = q.get()
    p.join()
    assert line == "", repr(line)
