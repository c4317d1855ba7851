"""What a child sees of its parent under each start method (docs/semantics.md §21, §22, §25).

Run as `python forkserver.py CASE` (the default start method) or through a wrapper that sets one.
Each case prints what the children saw; the docstring of each function says what CPython 3.11
prints under fork, spawn and forkserver.
"""
import atexit
import multiprocessing
import os
import sys

COUNTER = 0


def show_env(name):
    print(f"{name}: PROBE={os.environ.get('PROBE')}", flush=True)


def env():
    """The environment: fork and spawn see the parent's at each start(); forkserver children see
    the one the server was started with (at the first start())."""
    os.environ["PROBE"] = "before"
    for name in ("first", "second"):
        p = multiprocessing.Process(target=show_env, args=(name,))
        p.start()
        p.join()
        os.environ["PROBE"] = "after"


def show_counter():
    print(f"child: COUNTER={COUNTER}", flush=True)


def globals_():
    """A module global changed before start(): fork 2, spawn and forkserver 0 (a fresh import)."""
    global COUNTER
    COUNTER = 2
    p = multiprocessing.Process(target=show_counter)
    p.start()
    p.join()


def show_helper(results):
    import fs_helper
    results.put((fs_helper.IMPORTED_BY, fs_helper.VALUE, fs_helper.TOKEN))


def preload():
    """set_forkserver_preload: the forkserver imports the module once, and its children find it
    imported there (as the server left it: the same random draw for both); spawn children import
    it again each, fork children have the parent's (changed) copy."""
    multiprocessing.set_forkserver_preload(["fs_helper", "no_such_module"])
    import fs_helper
    fs_helper.VALUE = "changed by the parent"
    results = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=show_helper, args=(results,)) for _ in range(2)]
    for p in procs:
        p.start()
    seen = [results.get() for _ in procs]
    for p in procs:
        p.join()
    for who, value in sorted({s[:2] for s in seen}):
        print(f"child: fs_helper imported by {who}, VALUE {value!r}")
    print(f"children drew the same token: {seen[0][2] == seen[1][2]}")


def register_atexit():
    atexit.register(lambda: print("child: atexit handler ran", flush=True))


def atexit_():
    """atexit in the child: runs under spawn only (fork and forkserver children end with
    os._exit)."""
    p = multiprocessing.Process(target=register_atexit)
    p.start()
    p.join()
    print(f"exit code {p.exitcode}")


def show_parent(parent_pid):
    parent = multiprocessing.parent_process()
    print(f"child: getppid() is the parent: {os.getppid() == parent_pid}; "
          f"parent_process().pid is the parent: {parent.pid == parent_pid}", flush=True)


def ppid():
    """os.getppid(): the forkserver child's parent is the server (§21)."""
    p = multiprocessing.Process(target=show_parent, args=(os.getpid(),))
    p.start()
    p.join()


def depth(n=0):
    try:
        return depth(n + 1)
    except RecursionError:
        return n


def show_depth():
    print(f"child: recursion depth {depth()}", flush=True)


def recursion():
    """The deepest recursion a child's target reaches (§25): fork 989, spawn 993, forkserver 992."""
    p = multiprocessing.Process(target=show_depth)
    p.start()
    p.join()


def quits():
    pass


def exit_at_import():
    """A child whose re-import of the main module calls sys.exit(5): spawn exits with 5,
    forkserver with 1 (its server catches Exception only, then os._exit(1)); fork does not
    re-import: 0."""
    p = multiprocessing.Process(target=quits)
    p.start()
    p.join()
    print(f"exit code {p.exitcode}")


def use_parents_server():
    try:
        p = multiprocessing.get_context("forkserver").Process(target=quits)
        p.start()
        p.join()
        print(f"forked child: forkserver child exit code {p.exitcode}", flush=True)
    except ChildProcessError as exc:
        print(f"forked child: start() raised ChildProcessError: {exc}", flush=True)


def fork_child():
    """A forked child of a process that has a forkserver cannot use it (waitpid on a process that
    is not its child)."""
    fs = multiprocessing.get_context("forkserver")
    p = fs.Process(target=quits)
    p.start()
    p.join()
    c = multiprocessing.get_context("fork").Process(target=use_parents_server)
    c.start()
    c.join()
    print(f"exit code {c.exitcode}")


def grandchild_helper():
    import fs_helper
    print(f"grandchild: fs_helper imported by {fs_helper.IMPORTED_BY}", flush=True)


def start_grandchild():
    import fs_helper
    print(f"child: fs_helper imported by {fs_helper.IMPORTED_BY}", flush=True)
    g = multiprocessing.get_context("forkserver").Process(target=grandchild_helper)
    g.start()
    g.join()


def grandchild():
    """A forkserver child starts its own server, with the default preload: what the first one
    preloaded is not preloaded for the grandchild."""
    fs = multiprocessing.get_context("forkserver")
    fs.set_forkserver_preload(["fs_helper"])
    p = fs.Process(target=start_grandchild)
    p.start()
    p.join()


def show_hooks():
    import fs_hooks
    print(f"child: {fs_hooks.EVENTS}", flush=True)


def preload_hooks():
    """At-fork hooks a preloaded module registers run in the server and its child (fork: the
    parent's, registered by the import here; spawn: none, a fresh import)."""
    multiprocessing.set_forkserver_preload(["fs_hooks"])
    import fs_hooks
    p = multiprocessing.Process(target=show_hooks)
    p.start()
    p.join()
    print(f"parent: {fs_hooks.EVENTS}")


CASES = {"env": env, "globals": globals_, "preload": preload, "atexit": atexit_, "ppid": ppid,
         "recursion": recursion, "exit_at_import": exit_at_import, "fork_child": fork_child,
         "grandchild": grandchild, "preload_hooks": preload_hooks}

if __name__ == "__mp_main__" and sys.argv[1:] == ["exit_at_import"]:
    sys.exit(5)

if __name__ == "__main__":
    CASES[sys.argv[1]]()
