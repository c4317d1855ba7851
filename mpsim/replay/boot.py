"""How a real process of a replay starts: the model's main process, and a spawned child.

The controller starts the main process as ``python -m mpsim.replay.entry``.  It connects its gate,
makes CPython's default start method ``spawn`` (the simulator's default, and the portable one),
and runs the model as ``__main__`` with the gated imports.  That module's ``__spec__`` names
``mpsim.replay.entry``, so a spawned child's ``multiprocessing.spawn.prepare`` re-imports the
entry module as ``__mp_main__``, which lands in ``spawned``: the child connects (its identity was
put in the environment by the parent's start) and re-runs the model's module code, gated, before
CPython unpickles and bootstraps its Process object (a failure there ends the child in an exit
turn too, as in the simulator).
"""
from __future__ import annotations

import importlib.util
import multiprocessing as mp
import multiprocessing.context
import os
import sys
import types

from . import config
from .gate import GATE, RUNNING, error_line
from .gated import run_file
from .gated.process import ended, exiting

ENTRY = "mpsim.replay.entry"
_entry_module = []  # keeps the entry module alive after the model's module replaces it


def main():
    cfg = config.from_environment()
    # CPython's default context on Linux is fork; the simulator's default is spawn.  Until the
    # model fixes the context itself, the real default is spawn too.
    multiprocessing.context._default_context._default_context = mp.get_context("spawn")
    GATE.install(cfg, ())
    sys.argv = list(cfg.argv)
    sys.path[0] = os.path.dirname(cfg.model)
    module = types.ModuleType("__main__")
    module.__spec__ = importlib.util.find_spec(ENTRY)
    _entry_module.append(sys.modules["__main__"])
    sys.modules["__main__"] = module
    ended(lambda: run_file(cfg.model, module.__dict__))


def spawned(namespace: dict):
    if config.IDENTITY_VAR not in os.environ:
        return  # a helper CPython spawned, e.g. a Manager's server: it runs no model code
    GATE.install(config.from_environment(), config.spawned_identity())
    namespace["__spec__"] = None  # as CPython's run_path leaves a script's __mp_main__
    ended(lambda: run_file(GATE.config.model, namespace), last=False)
    sys.excepthook = _unpickling_failed


def _unpickling_failed(kind, exc, tb):
    """A spawned child that cannot unpickle its Process object dies before its bootstrap, as
    in the simulator; its exit is a turn like any other."""
    if GATE.state == RUNNING:
        exiting(1, error_line(exc))
    sys.__excepthook__(kind, exc, tb)
