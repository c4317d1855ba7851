"""Whether q2 is closed depends on the schedule (is the child's item in the pipe yet?); after the
branches meet, q2.put() raises ValueError ("... is closed") on some runs and prints "put ok" on
others.  Both must be explored.

Usage: python closed_on_one_branch.py
"""
import multiprocessing


def put_one(q):
    q.put(1)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=put_one, args=(q,))
    p.start()
    q2 = multiprocessing.Queue()
    e = multiprocessing.Event()
    flag = q.empty()
    if flag:
        q2.close()
    flag = None
    e.is_set()  # the two branches meet here with equal locals: only q2's own flag differs
    q2.put(2)
    print("put ok")
    q.get()
    p.join()
