"""mpsim: a model checker for Python multiprocessing programs.

``check(path, argv)`` explores every interleaving of an unmodified multiprocessing program and
returns a ``Result`` with its violations; ``run(path, schedule)`` follows one schedule.
"""
from .api import Result, Run, check, run
from .errors import (ModelError, MpsimError, NondeterministicModel, ScheduleError,
                     UnsupportedAPI)
from .findings import Violation

__all__ = ["check", "run", "Result", "Run", "Violation", "MpsimError", "ModelError",
           "UnsupportedAPI", "ScheduleError", "NondeterministicModel"]
