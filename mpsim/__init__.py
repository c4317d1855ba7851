"""mpsim: a model checker for Python multiprocessing programs.

``check(path, argv)`` explores every interleaving of an unmodified multiprocessing program and
returns a ``Result`` with its violations; ``run(path, schedule)`` follows one schedule;
``mpsim.replay.replay(path, schedule)`` follows it on the real multiprocessing primitives.
"""
from .api import Result, Run, check, run
from .errors import (DidNotReproduce, ModelError, MpsimError, NondeterministicModel,
                     NotEnforceable, ReplayError, ScheduleError, UnsupportedAPI)
from .findings import Violation

__all__ = ["check", "run", "Result", "Run", "Violation", "MpsimError", "ModelError",
           "UnsupportedAPI", "ScheduleError", "NondeterministicModel", "ReplayError",
           "DidNotReproduce", "NotEnforceable"]
