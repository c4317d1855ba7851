"""Interpreter abuse: a child closes sys.stdout and then prints.

Plain python: the child's print raises "ValueError: I/O operation on closed file.", the child
dies with exit code 1.  A good checker: an exception finding (ValueError) for the child - and its
own report still reaches its stdout.

expect: exit 1 exception ValueError: I/O operation on closed file
"""
import multiprocessing
import sys


def work():
    sys.stdout.close()
    print("into a closed stream")


if __name__ == "__main__":
    p = multiprocessing.Process(target=work, name="closer")
    p.start()
    p.join()
    print("child exit code", p.exitcode)
