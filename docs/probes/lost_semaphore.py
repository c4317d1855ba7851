"""Named semaphores under spawn/forkserver: the child's FileNotFoundError while unpickling.

    python docs/probes/lost_semaphore.py METHOD KIND MODE [DELAY]

KIND  Lock | Queue | Event | Value | Semaphore | Condition  (the object passed to the child)
MODE  gc      the parent's only reference is the argument tuple: Process(target=f,
              args=(KIND(),)).start(); the parent then sleeps 1 s and joins
      del     the parent keeps the object in a variable, starts the child, sleeps DELAY s,
              deletes its reference, then joins
      nojoin  the parent keeps the object (module global) and simply ends without join()
      join    the same, but the parent joins the child before ending

Under spawn/forkserver a SemLock has a name (/mp-xxxxxx) that is unlinked by a
util.Finalize(obj, SemLock._cleanup, exitpriority=0): when the object is garbage-collected, or at
util._exit_function's first step (finalizers with priority >= 0), which comes BEFORE the children
are joined. A child that has not yet unpickled the object then cannot sem_open the name.
The child prints 'child: got <obj>' when its target runs. In the parent, SemLock._cleanup (the
finalizer's callback) is wrapped to print a line, with the children still alive, when it runs.
"""
import sys
import time

import multiprocessing as mp
import multiprocessing.synchronize as synchronize


def child(obj):
    print(f"child: got {type(obj).__name__}", flush=True)


def logged_cleanup(name, _cleanup=synchronize.SemLock._cleanup):
    alive = [p.name for p in mp.active_children()]
    print(f"parent: SemLock._cleanup unlinks a semaphore; children alive {alive}", flush=True)
    _cleanup(name)


def make(kind):
    if kind == "Value":
        return mp.Value("i", 0)
    return getattr(mp, kind)()


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)  # usage
    method, kind, mode = sys.argv[1:4]
    delay = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    mp.set_start_method(method)
    synchronize.SemLock._cleanup = staticmethod(logged_cleanup)
    if mode == "gc":
        p = mp.Process(target=child, args=(make(kind),))
        p.start()
        time.sleep(1)
        p.join()
    elif mode == "del":
        obj = make(kind)
        p = mp.Process(target=child, args=(obj,))
        p.start()
        time.sleep(delay)
        del obj
        p.join()
    else:
        OBJ = make(kind)
        p = mp.Process(target=child, args=(OBJ,))
        p.start()
        if mode == "join":
            p.join()
    print(f"parent: child exitcode {p.exitcode}", flush=True)
