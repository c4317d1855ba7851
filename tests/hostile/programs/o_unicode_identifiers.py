"""Odd but legal: non-ASCII identifiers for the locks, the function and the processes.

The program is the ABBA deadlock written with names like ロック_a and verrou_b.  A good checker: a
deadlock finding (exit 1) naming them.

expect: exit 1 deadlock
"""
import multiprocessing


def arbeiter(erste, zweite):
    with erste:
        with zweite:
            pass


if __name__ == "__main__":
    ロック_a = multiprocessing.Lock()
    verrou_ß = multiprocessing.Lock()
    p1 = multiprocessing.Process(target=arbeiter, args=(ロック_a, verrou_ß), name="ワーカー1")
    p2 = multiprocessing.Process(target=arbeiter, args=(verrou_ß, ロック_a), name="работник-2")
    p1.start()
    p2.start()
    p1.join()
    p2.join()
