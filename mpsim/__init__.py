"""mpsim: a model checker for Python multiprocessing programs.

``check(path, argv)`` explores every interleaving of an unmodified multiprocessing program and
returns a ``Result`` with its violations; ``run(path, schedule)`` follows one schedule;
``mpsim.replay.replay(path, schedule)`` follows it on the real multiprocessing primitives.
The names are imported on first use, so that a process importing one part of mpsim (a simulated
process imports the facade) does not pay for the rest.
"""
import importlib

_EXPORTS = {
    "check": "api", "run": "api", "Result": "api", "Run": "api", "Violation": "findings",
    "MpsimError": "errors", "ModelError": "errors", "UnsupportedAPI": "errors",
    "ScheduleError": "errors", "NondeterministicModel": "errors", "ReplayError": "errors",
    "DidNotReproduce": "errors", "NotEnforceable": "errors",
}
__all__ = list(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'mpsim' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"mpsim.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + __all__)
