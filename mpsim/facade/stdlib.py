"""Virtual ``time``, ``os``, ``random`` and ``threading`` for model code.

``time.sleep`` is a scheduling point that does not wait; clocks read the process's virtual clock;
``os.getpid`` gives the simulated pid; ``random`` is seeded per process so runs repeat.  Everything
else is the real module, except the parts that would escape the simulation (threads, fork, kill),
which stop the check with a clear message.
"""
from __future__ import annotations

import os as _os
import random as _random
import threading as _threading
import time as _time
import types

from ..runtime import pid_of
from .base import perform, rt, unsupported

EPOCH = 1_700_000_000.0


class _Proxy(types.ModuleType):
    def __init__(self, name, real, blocked=()):
        super().__init__(name)
        self._real = real
        self._blocked = set(blocked)

    def __getattr__(self, name):
        if name in self._blocked:
            unsupported(f"{self.__name__}.{name}")
        return getattr(self._real, name)


def _sleep(secs):
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    perform(None, "sleep", (), f"time.sleep({secs!r})")
    rt().clock += secs


time = _Proxy("time", _time, ("thread_time", "process_time", "clock_gettime"))
time.sleep = _sleep
time.time = lambda: EPOCH + rt().now()
time.time_ns = lambda: int((EPOCH + rt().now()) * 1e9)
time.monotonic = time.perf_counter = lambda: rt().now()
time.monotonic_ns = time.perf_counter_ns = lambda: int(rt().now() * 1e9)

os = _Proxy("os", _os, ("fork", "forkpty", "kill", "killpg", "_exit", "wait", "waitpid", "system",
                        "execv", "execve", "execvp", "spawnv", "popen"))
os.getpid = lambda: rt().pid
os.getppid = lambda: pid_of(rt().parent) if rt().parent is not None else 999
os.cpu_count = lambda: 4
os.path = _os.path


def _rng():
    me = rt()
    if me.random is None:
        me.random = _random.Random(me.pid)
    return me.random


random = _Proxy("random", _random, ("SystemRandom",))
for _n in ("random", "randint", "randrange", "choice", "choices", "shuffle", "sample", "uniform",
           "gauss", "seed", "getrandbits", "betavariate", "expovariate", "triangular"):
    setattr(random, _n, (lambda n: lambda *a, **k: getattr(_rng(), n)(*a, **k))(_n))

class _ThreadingProxy(_Proxy):
    def __getattr__(self, name):
        unsupported(f"threading.{name} (threads inside a simulated process)")


threading = _ThreadingProxy("threading", _threading)
for _n in ("BrokenBarrierError", "TIMEOUT_MAX", "ThreadError"):
    setattr(threading, _n, getattr(_threading, _n))
