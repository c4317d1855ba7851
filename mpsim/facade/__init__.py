"""The simulated ``multiprocessing`` package (and virtual stdlib modules) that models import."""
from __future__ import annotations

_MODULES = None


def virtual_modules() -> dict:
    """Module name -> the simulated module the model gets instead of the real one."""
    global _MODULES
    if _MODULES is None:
        from . import context, stdlib

        _MODULES = {"multiprocessing": context.PACKAGE, "time": stdlib.time, "os": stdlib.os,
                    "random": stdlib.random, "threading": stdlib.threading}
        _MODULES.update(context._SUBMODULES)
    return _MODULES
