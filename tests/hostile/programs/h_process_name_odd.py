"""Odd value: processes named with newlines, a tab, a NUL, quotes, unicode and emoji, deadlocking.

Two children take two locks in opposite orders (ABBA), so the report must name them.  Plain
python: some runs hang.  A good checker: a deadlock finding (exit 1), with names that survive the
JSON output intact.

expect: exit 1 deadlock
"""
import multiprocessing

NAMES = ["line one\nline two", "tab\there 'quote' \"dq\" \x00 ünïcødé ☃ 🐍"]


def worker(first, second):
    with first:
        with second:
            pass


if __name__ == "__main__":
    a, b = multiprocessing.Lock(), multiprocessing.Lock()
    p1 = multiprocessing.Process(target=worker, args=(a, b), name=NAMES[0])
    p2 = multiprocessing.Process(target=worker, args=(b, a), name=NAMES[1])
    p1.start()
    p2.start()
    p1.join()
    p2.join()
