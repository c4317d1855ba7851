"""Deepest recursion that works in the main process and in a child's target.

    python docs/probes/recursion_depth.py [fork|spawn|forkserver]

depth() recurses until RecursionError and reports the deepest level reached (level 1 = the
first call of depth() itself). Measured at the top of the main module's `if __name__` block, in a
child's target with the default limit, in a child's target after sys.setrecursionlimit(5000), and
in a child started after the PARENT set sys.setrecursionlimit(1500), and in a child whose start()
ran 100 frames deeper in the parent.
Also prints the number of Python frames already on the stack where depth() is first called.
"""
import sys

import multiprocessing as mp


def stack_frames():
    f, n = sys._getframe(1), 0
    while f is not None:
        n, f = n + 1, f.f_back
    return n


def depth():
    level = 0

    def rec():
        nonlocal level
        level += 1
        rec()

    try:
        rec()
    except RecursionError:
        pass
    return level


def child(label, q, limit=None):
    if limit:
        sys.setrecursionlimit(limit)
    q.put(f"{label}: limit {sys.getrecursionlimit()}, frames below the target {stack_frames() - 1},"
          f" deepest level {depth()}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        mp.set_start_method(sys.argv[1])
    print(f"main: limit {sys.getrecursionlimit()}, frames below {stack_frames() - 1},"
          f" deepest level {depth()}")
    q = mp.Queue()
    for label, limit in (("child", None), ("child after setrecursionlimit(5000)", 5000)):
        p = mp.Process(target=child, args=(label, q, limit))
        p.start()
        print(q.get())
        p.join()
    def start_nested(n):
        if n:
            return start_nested(n - 1)
        p = mp.Process(target=child, args=("child whose start() ran 100 frames deeper in the parent", q))
        p.start()
        return p

    p = start_nested(99)  # start() runs 100 frames deeper than the module level
    print(q.get())
    p.join()
    sys.setrecursionlimit(1500)
    p = mp.Process(target=child, args=("child, parent set limit 1500 before start", q))
    p.start()
    print(q.get())
    p.join()
