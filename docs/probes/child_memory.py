"""What a child's memory is, per start method: which of the parent's changes it sees.

    python docs/probes/child_memory.py [fork|spawn|forkserver]

Before start() the parent changes a module global, a class attribute, a function attribute,
os.environ, sys.argv, sys.path, the recursion limit, the cwd, the logging configuration, the
warnings filters, signal handlers; it seeds the global `random`, draws from a module-level
random.Random(42), imports a module (json) and starts a thread. The child prints, one line each,
what it sees. Lines starting with 'module executed' show where the module's top level ran.
"""
import logging
import os
import random
import signal
import sys
import threading
import time
import warnings

import multiprocessing as mp

print(f"module executed as {__name__}", flush=True)
GLOBAL = "initial"
RNG = random.Random(42)


class K:
    attr = "initial"


def func():
    pass


func.tag = "initial"


def on_usr1(signum, frame):
    pass


def child(expect):
    lines = [
        f"module global GLOBAL = {GLOBAL!r}",
        f"class attribute K.attr = {K.attr!r}",
        f"function attribute func.tag = {func.tag!r}",
        f"os.environ['PROBE_ENV'] = {os.environ.get('PROBE_ENV')!r}",
        f"sys.argv[1:] = {sys.argv[1:]}",
        f"'/probe/path' in sys.path = {'/probe/path' in sys.path}",
        f"sys.getrecursionlimit() = {sys.getrecursionlimit()}",
        f"os.getcwd() = {os.getcwd()!r}",
        f"root logger: level={logging.getLogger().level} handlers={len(logging.getLogger().handlers)}",
        f"warnings.filters[0] = {warnings.filters[0][:1]}",
        f"signal SIGUSR1 handler = {getattr(signal.getsignal(signal.SIGUSR1), '__name__', signal.getsignal(signal.SIGUSR1))}",
        f"signal SIGINT handler = {signal.getsignal(signal.SIGINT)}",
        f"'json' in sys.modules = {'json' in sys.modules}",
        f"threading.active_count() = {threading.active_count()}",
        f"global random (seeded in parent): child's next random() == parent's next: "
        f"{random.random() == expect['random']}",
    ]
    draw = RNG.random()
    which = {expect["rng_first"]: "1st", expect["rng_second"]: "2nd"}.get(draw, "other")
    lines.append(f"module-level RNG = random.Random(42), parent drew once before start: "
                 f"child's next draw is the {which} of the Random(42) sequence")
    for line in lines:
        print("child: " + line, flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        mp.set_start_method(sys.argv[1])
    GLOBAL = "changed"
    K.attr = "changed"
    func.tag = "changed"
    os.environ["PROBE_ENV"] = "set in parent"
    sys.argv.append("extra-arg")
    sys.path.append("/probe/path")
    sys.setrecursionlimit(4321)
    os.chdir("/")
    logging.basicConfig(level=logging.INFO)
    warnings.simplefilter("error")
    signal.signal(signal.SIGUSR1, on_usr1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import json  # noqa: F401  (only the parent imports it)
    threading.Thread(target=time.sleep, args=(2,), daemon=True).start()
    random.seed(12345)
    twin = random.Random()
    twin.setstate(random.getstate())
    RNG.random()  # the parent's first draw
    ref = random.Random(42)
    expect = {"random": twin.random(), "rng_first": ref.random(), "rng_second": ref.random()}
    p = mp.Process(target=child, args=(expect,))
    p.start()
    p.join()
    print(f"parent: child exit code {p.exitcode}", flush=True)
