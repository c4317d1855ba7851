"""What a forkserver child sees (3.11): server, imports, globals, argv, environ, pids, hash seed.

    python docs/probes/forkserver_env.py [forkserver|fork|spawn] [none|main|json]

The first argument is the start method (default forkserver; fork/spawn for comparison).
The second sets multiprocessing.set_forkserver_preload(): none (keep the 3.11 default, which is
['__main__']), main (['__main__'] explicitly), json (['json']).
The module prints a line whenever it is executed (in the parent, in the server if it is preloaded
there, in every child that imports it as __mp_main__).

The parent starts child 1 (which starts a grandchild), THEN changes a module global,
os.environ['PROBE_VAR'], sys.argv and sys.path, and starts child 2. Each child prints what it
sees, and compares its getppid() and hash('abc') with those of its parent and of child 1 (for the
grandchild, 'child 1' is its parent; child 1 prints '-'). Run it directly for the hash
comparisons: realruns sets one PYTHONHASHSEED for the whole run, which every child inherits.
"""
import os
import sys

import multiprocessing as mp

print(f"module executed: __name__={__name__} "
      f"{'(parent)' if mp.parent_process() is None and __name__ == '__main__' else ''}", flush=True)
COUNTER = 0


def child(tag, ref, out):
    pp = mp.parent_process()
    print(f"{tag}: name={mp.current_process().name} "
          f"__main__.__name__={sys.modules['__main__'].__name__} COUNTER={COUNTER} "
          f"PROBE_VAR={os.environ.get('PROBE_VAR')} argv[1:]={sys.argv[1:]} "
          f"added_path={'/probe/extra' in sys.path} json_loaded={'json' in sys.modules}", flush=True)
    print(f"{tag}: getppid()==parent_process().pid: {os.getppid() == pp.pid}; "
          f"parent_process().pid==real parent: {pp.pid == ref['parent_pid']}; "
          f"getppid()==child 1's getppid(): {os.getppid() == ref['child1_ppid'] if 'child1_ppid' in ref else '-'}; "
          f"hash('abc')==parent's: {hash('abc') == ref['parent_hash']}; "
          f"hash('abc')==child 1's: {hash('abc') == ref['child1_hash'] if 'child1_hash' in ref else '-'}", flush=True)
    if tag == "child1":
        out.put((os.getppid(), hash("abc")))
        g = mp.Process(target=child, args=("grandchild", {
            "parent_pid": os.getpid(), "parent_hash": hash("abc"), "child1_ppid": os.getppid(),
            "child1_hash": hash("abc")}, out))
        g.start()
        g.join()
        print(f"child1: grandchild exit code {g.exitcode}", flush=True)
    sys.exit(5 if tag == "child2" else None)


if __name__ == "__main__":
    method = sys.argv[1] if len(sys.argv) > 1 else "forkserver"
    preload = sys.argv[2] if len(sys.argv) > 2 else "none"
    mp.set_start_method(method)
    if preload == "main":
        mp.set_forkserver_preload(["__main__"])
    elif preload == "json":
        mp.set_forkserver_preload(["json"])
    os.environ["PROBE_VAR"] = "before"
    out = mp.Queue()
    ref = {"parent_pid": os.getpid(), "parent_hash": hash("abc")}
    p1 = mp.Process(target=child, args=("child1", ref, out))
    p1.start()
    ref["child1_ppid"], ref["child1_hash"] = out.get()
    p1.join()
    COUNTER = 2
    os.environ["PROBE_VAR"] = "after"
    sys.argv.append("after")
    sys.path.append("/probe/extra")
    p2 = mp.Process(target=child, args=("child2", ref, out))
    p2.start()
    p2.join()
    print(f"parent: exit codes {p1.exitcode} {p2.exitcode}", flush=True)
