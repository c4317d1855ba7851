"""The gated ``multiprocessing`` (and ``time``, ``os``, ``random``) a replayed model imports.

``run_file`` runs a model file (or a module beside it) with an ``__import__`` that hands the model the
gated modules, as ``mpsim.loader`` hands it the simulated ones; every other import is the real
one, so the real ``multiprocessing`` underneath is untouched.  The code is the one the simulator
compiled (``mpsim.loader.compile_file``), so operations are located on the same lines.
"""
from __future__ import annotations

import builtins
import os
import sys
import types

from ...loader import compile_file
from ..gate import GATE


def _modules() -> dict:
    from . import context, stdlib

    return {**context.MODULES, "time": stdlib.time, "os": stdlib.os, "random": stdlib.random}


def model_builtins(directory: str) -> dict:
    """Builtins whose ``__import__`` gives model code the gated modules and its sibling files."""
    real_import = builtins.__import__
    gated = _modules()

    def __import__(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A001
        if level == 0:
            top = name.partition(".")[0]
            if top in gated:
                if not fromlist:
                    return gated[top]
                if name not in gated:
                    GATE.unsupported(f"module {name}")
                return gated[name]
            sibling = os.path.join(directory, *name.split(".")) + ".py"
            if name not in sys.modules and os.path.isfile(sibling):
                sys.modules[name] = module = types.ModuleType(name)
                run_file(sibling, module.__dict__)
        return real_import(name, globals, locals, fromlist, level)

    table = dict(builtins.__dict__)
    table["__import__"] = __import__
    return table


def run_file(path: str, namespace: dict):
    """Execute the model file ``path`` in ``namespace`` with the gated imports."""
    sf = compile_file(path, path)
    GATE.model_files.add(sf.path)
    namespace["__file__"] = sf.path
    namespace["__builtins__"] = model_builtins(os.path.dirname(sf.path))
    exec(sf.code, namespace)
