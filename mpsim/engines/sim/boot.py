"""How a simulated process comes to life, as CPython's does.

A *zygote* interpreter (``zygote.py``) prepares once what every simulated process shares - mpsim's
own modules, the simulated ``multiprocessing`` behind an import hook - and then forks one process
per birth the controller asks for:

* ``main``: ``python model.py`` (``facade.lifecycle.run_main``);
* ``spawn``: CPython's ``spawn_main`` (``facade.lifecycle.run_spawned``): ``sys.argv``,
  ``sys.path``, the working directory and the environment are the parent's at ``start()``.

A child started by fork is not born here: it is a copy of its parent's process made at
``start()`` (``SimEngine``'s ``fork`` command, ``Process._launch``).
"""
from __future__ import annotations

import os
import sys

from ...facade import _random, _stdlib, lifecycle
from . import memory, process
from .wire import Channel


def prepare():
    """In the zygote: everything every simulated process shares."""
    lifecycle.install_modules()
    memory.remember_builtins()
    import random  # noqa: F401 - seeded per process at birth (_random.seed_process)


def runner(chan: Channel):
    """A fresh process from the zygote: wait to be told which birth it is, then live it."""
    message = chan.recv()
    assert message[0] == "boot", message
    _, birth, model, begin, clock = message
    engine = process.install(chan, birth["identity"], model)
    engine._resume(clock)
    engine.begin_result = begin[1] if isinstance(begin, tuple) and begin[0] == "ret" else ()
    _random.seed_process(engine.ident)
    engine.default_method = model["default_method"]
    _stdlib.install()
    _random.install()
    os.environ.clear()
    os.environ.update(birth["env"])
    sys.argv = list(birth["argv"])
    sys.path[:] = list(birth["path"])
    if birth["kind"] == "main":
        lifecycle.run_main(engine, model["path"])
    else:
        engine.unlinked = frozenset(engine.begin_result or ())
        lifecycle.run_spawned(engine, birth.get("main", ("path", model["path"])),
                              birth["identity"]["name"], birth.get("start_method"),
                              birth.get("cwd"), birth["payload"])
