"""Odd but legal: arguments after `--` that are empty, contain spaces, a newline, non-ASCII
letters, a second `--` and things that look like mpsim's own options.

The program checks it received them exactly, then runs a child.  A good checker passes them
through untouched: clean (exit 0).

args: ["", "a b", "line1\nline2", "ünï☃", "--", "--json", "--time-limit", "1"]
expect: exit 0 clean
"""
import multiprocessing
import sys

EXPECTED = ["", "a b", "line1\nline2", "ünï☃", "--", "--json", "--time-limit", "1"]


def work(argv):
    assert argv == EXPECTED, argv


if __name__ == "__main__":
    assert sys.argv[1:] == EXPECTED, sys.argv[1:]
    p = multiprocessing.Process(target=work, args=(sys.argv[1:],))
    p.start()
    p.join()
    assert p.exitcode == 0
