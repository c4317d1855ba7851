"""How a real model process comes to life: the main one, and a spawned child.

The controller starts the main process as ``python -m mpsim.engines.real.boot`` in a session of
its own, with ``PYTHONHASHSEED=0`` (as every simulated process hashes strings) and the replay's
``wire.Config`` in the environment.  A spawned child is started by its parent's start step
(``procs._spawn``) as ``python -c "...; spawned(tracker_fd, pipe_fd)"`` and reads from that pipe
what it is told (config, identity, the parent's environment, ``sys.argv``, ``sys.path``, directory
and start method, its pickled Process object).  Either way, in this order:

1. CPython's real ``multiprocessing`` is loaded aside (``cpython.load``), then the facade becomes
   the process's ``multiprocessing`` (``facade.lifecycle.install_modules``); CPython's named
   semaphores get the replay's prefix (``wire.semprefix``);
2. the engine connects to the controller (a spawned child then waits for its ``begin`` turn);
3. the standard library is patched for the model (``facade._stdlib``), its ``random`` seeded from
   its identity, its environment, ``sys.argv`` and ``sys.path`` made the simulated ones;
4. ``facade.lifecycle`` runs it: ``python model.py``, or CPython's ``spawn_main``.
"""
from __future__ import annotations

import gc
import os
import pickle
import sys

from ...facade import _engine, _random, _stdlib, lifecycle
from . import cpython, wire
from .engine import RealEngine


def _prepare(config: wire.Config):
    cpython.load()
    lifecycle.install_modules()
    gc.disable()  # the engine collects at operations, as the simulator does
    cpython.real("process").current_process()._config["semprefix"] = config.semprefix
    cpython.real("process").current_process()._config["tempdir"] = config.tempdir


def _live(engine: RealEngine, env: dict, argv: list, path: list):
    _engine.install(engine)
    _stdlib.install()
    _random.install()
    _random.seed_process(engine.ident)
    # The real engine forks for real (CPython's os.fork): the at-fork hooks the model registers
    # are the OS-level ones, run by that fork (the simulator runs the ones it records itself).
    os.register_at_fork = cpython.real_register_at_fork
    cpython.real_io()
    # CPython's multiprocessing does here what the facade does in a simulated process: its frames
    # are left out of printed tracebacks as the facade's are.
    _stdlib.hide_folder(os.path.dirname(cpython.real("process").__file__))
    os.environ.clear()
    os.environ.update(env)
    # Not in the model's os.environ, but in the environment every process it starts inherits
    # (spawned children, a manager's server, the resource tracker): the replay's mark on them.
    os.putenv(wire.CONFIG_VAR, engine.config.encode())
    # ... and where the processes CPython's code starts on its own (a manager's server under
    # spawn) make multiprocessing's temporary directory: inside the replay's, which it removes.
    os.putenv("TMPDIR", engine.config.tempdir)
    sys.argv = list(argv)
    sys.path[:] = list(path)


def main():
    config = wire.Config.decode(os.environ.pop(wire.CONFIG_VAR))
    _prepare(config)
    engine = RealEngine(config, {"ident": (), "name": "MainProcess", "daemon": False, "parent": None})
    engine.connect()
    _live(engine, config.env, config.argv, config.path)
    lifecycle.run_main(engine, config.model)


def spawned(tracker_fd: int, pipe_fd: int):
    """CPython's ``spawn_main`` for a real model child (see the module docstring)."""
    with open(pipe_fd, "rb") as f:
        start = pickle.load(f)
    config = wire.Config(**start["config"])
    _prepare(config)
    cpython.real("resource_tracker")._resource_tracker._fd = tracker_fd
    me = cpython.real("process").current_process()
    me.authkey = start["authkey"]
    me.name = start["identity"]["name"]
    engine = RealEngine(config, start["identity"])
    engine.connect()
    engine.begin("spawn")
    _live(engine, start["env"], start["argv"], start["path"])
    lifecycle.run_spawned(engine, start["main"], engine.name, start["start_method"],
                          start["cwd"], start["payload"])


if __name__ == "__main__":
    main()
