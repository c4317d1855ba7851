"""Gated ``time``, ``os`` and ``random`` for a replayed model, matching the simulator's virtual ones.

The primitives are real; what the model reads from its machine is the simulated machine's, so
that it takes the same path as in the simulator: ``time.sleep`` is a scheduling point there, so it
is a turn here, and the sleeping itself is skipped (the controller, not the clock, decides what
runs next); ``os.getpid``/``getppid``/``cpu_count`` give the simulated values; ``random`` is
seeded per process exactly as in the simulator.  Everything else is the real module.
"""
from __future__ import annotations

import os as _os
import random as _random
import time as _time
import types

from ...facade.context import default as simulated_context
from ...facade.stdlib import random as simulated_random
from ...runtime import pid_of
from ..gate import GATE


class _Proxy(types.ModuleType):
    def __init__(self, name, real):
        super().__init__(name)
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)


def _sleep(secs):
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    GATE.perform(None, "sleep", lambda: None)


SIMULATED_PARENT_OF_MAIN = 999  # the simulator's os.getppid() in the main process
_generator = [None, None]  # (identity, random.Random) of this process


def _rng():
    if _generator[0] != GATE.identity:
        _generator[:] = [GATE.identity, _random.Random(pid_of(GATE.identity))]
    return _generator[1]


time = _Proxy("time", _time)
time.sleep = _sleep

os = _Proxy("os", _os)
os.getpid = lambda: pid_of(GATE.identity)
os.getppid = lambda: pid_of(GATE.identity[:-1]) if GATE.identity else SIMULATED_PARENT_OF_MAIN
os.cpu_count = simulated_context.cpu_count
os.path = _os.path

random = _Proxy("random", _random)
for _name in simulated_random.__dict__:
    if not _name.startswith("_") and callable(simulated_random.__dict__[_name]):
        setattr(random, _name, (lambda n: lambda *a, **k: getattr(_rng(), n)(*a, **k))(_name))
