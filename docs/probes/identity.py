"""Process names, _identity counters, pids, parent_process(), authkey, daemon flag in children.

    python docs/probes/identity.py [fork|spawn|forkserver]

The parent creates Process A (started), Process B (never started), a Pool(2), a Manager, and
Process C (daemon=True, name='custom'); A starts two children of its own. Every process reports
current_process().name, ._identity, .daemon, parent_process().name, whether its pid equals
os.getpid() and whether its authkey equals the main process's.
"""
import os
import sys

import multiprocessing as mp


def report(q, tag, key):
    me, pp = mp.current_process(), mp.parent_process()
    q.put(f"{tag}: name={me.name} _identity={me._identity} daemon={me.daemon} "
          f"parent_process().name={pp.name if pp else None} "
          f"pid==os.getpid()={me.pid == os.getpid()} authkey==main's={bytes(me.authkey) == key}")


def nested(q, key):
    report(q, "A", key)
    kids = [mp.Process(target=report, args=(q, f"child {i} of A", key)) for i in (1, 2)]
    for k in kids:
        k.start()
        k.join()


def pool_task(x):
    me = mp.current_process()
    return me.name.rsplit("-", 1)[0], me._identity == (int(me.name.rsplit("-", 1)[1]),)


KEY = None

if __name__ == "__main__":
    if len(sys.argv) > 1:
        mp.set_start_method(sys.argv[1])
    KEY = bytes(mp.current_process().authkey)
    q = mp.Queue()
    a = mp.Process(target=nested, args=(q, KEY))
    b = mp.Process(target=print)
    print(f"main: A.name={a.name} B.name={b.name} (B is never started)")
    a.start()
    for _ in range(3):
        print(q.get())
    a.join()
    with mp.Pool(2) as pool:
        kind, same = pool.apply(pool_task, (0,))
        print(f"pool workers: {sorted(p.name for p in pool._pool)}; a task sees name {kind}-N, "
              f"_identity == (N,): {same}")
    with mp.Manager() as m:
        print(f"manager process name: {m._process.name}")
    c = mp.Process(target=report, args=(q, "C", KEY), daemon=True, name="custom")
    c.start()
    print(q.get())
    c.join()
    d = mp.Process(target=report, args=(q, "D", KEY))
    d.start()
    print(q.get())
    d.join()
