"""os.register_at_fork hooks run around a fork start, as in CPython: ``before`` in the parent
(last registered first), ``after_in_parent`` in the parent, ``after_in_child`` in the child;
none run for a spawn start.  A logging handler's lock is reset in a forked child."""
import logging
import multiprocessing
import os
import sys

events = []


def child(q):
    q.put(("child", list(events)))


if __name__ == "__main__":
    method = sys.argv[1] if len(sys.argv) > 1 else "fork"
    os.register_at_fork(before=lambda: events.append("before-1"),
                        after_in_parent=lambda: events.append("parent-1"),
                        after_in_child=lambda: events.append("child-1"))
    os.register_at_fork(before=lambda: events.append("before-2"),
                        after_in_child=lambda: events.append("child-2"))
    ctx = multiprocessing.get_context(method)
    q = ctx.Queue()
    p = ctx.Process(target=child, args=(q,))
    p.start()
    print(*q.get())
    p.join()
    print("parent", events)
