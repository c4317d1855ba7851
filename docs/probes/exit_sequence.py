"""Exit sequence of the main process and of a child, per start method.

Shows which user atexit handlers, multiprocessing.util.Finalize callbacks, weakref.finalize
callbacks and __del__ methods run when a child and the main process end, and in which order
relative to multiprocessing's own util._exit_function (finalizers with priority >= 0, terminate
daemonic children, join the other children, remaining finalizers).

    python docs/probes/exit_sequence.py [fork|spawn|forkserver]

Every line is printed with flush=True, so the output order is the execution order (per process).
Run it WITHOUT realruns' --jitter: the jitter sitecustomize imports multiprocessing.util at
start-up, which changes where util._exit_function sits in the main process's atexit stack.
"""
import atexit
import sys
import time
import weakref

import multiprocessing as mp


def role():
    return "main " if mp.parent_process() is None else "child"


def log(msg):
    alive = sorted(p.name for p in mp.active_children())
    print(f"{role()}: {msg}; active children {alive}", flush=True)


class Noisy:
    def __init__(self, label):
        self.label = label

    def __del__(self):
        print(f"{role()}: __del__ of {self.label}", flush=True)


class Plain:
    pass


# Module level: runs in the main process, and again in a spawn/forkserver child when it imports
# the main module as __mp_main__. A fork child inherits the registration.
atexit.register(log, "atexit registered at module level (multiprocessing.util imported: %s)"
                % ("multiprocessing.util" in sys.modules))
MODULE_OBJ = Noisy("module-level global")
MODULE_PLAIN = Plain()


def child(arg):
    import multiprocessing.util as util
    atexit.register(log, "atexit registered in the target")
    util.Finalize(None, log, ("util.Finalize(exitpriority=10) from the target",), exitpriority=10)
    util.Finalize(None, log, ("util.Finalize(exitpriority=-10) from the target",), exitpriority=-10)
    weakref.finalize(MODULE_PLAIN, log, "weakref.finalize(module global) from the target")
    local = Noisy("local of the target")
    log(f"target running as {__name__}, returns now")


def sleeper(seconds):
    time.sleep(seconds)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        mp.set_start_method(sys.argv[1])
    main_weak = Plain()
    weakref.finalize(main_weak, log, "weakref.finalize(object) from main")
    c = mp.Process(target=child, args=(Noisy("argument of the child"),), name="child")
    c.start()
    c.join()
    import multiprocessing.util as util
    atexit.register(log, "atexit registered in main after the first start()")
    util.Finalize(None, log, ("util.Finalize(exitpriority=10) from main",), exitpriority=10)
    util.Finalize(None, log, ("util.Finalize(exitpriority=-10) from main",), exitpriority=-10)
    mp.Process(target=sleeper, args=(0.5,), name="nondaemon").start()
    mp.Process(target=sleeper, args=(30,), name="daemon", daemon=True).start()
    time.sleep(0.2)
    log("main module code ends")
