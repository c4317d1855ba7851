"""How a simulated process comes to life, as CPython's does.

A *zygote* interpreter (``zygote.py``) prepares once what every simulated process shares - mpsim's
own modules, the simulated ``multiprocessing`` behind an import hook - and then forks one process
per birth the controller asks for:

* ``main``: ``python model.py`` (``facade.lifecycle.run_main``);
* ``spawn``: CPython's ``spawn_main`` (``facade.lifecycle.run_spawned``): ``sys.argv``,
  ``sys.path``, the working directory and the environment are the parent's at ``start()``.
* ``forkserver``: a child forked from the server its parent started (``forkserver.main``, in
  3.11): the server's interpreter, environment and preloaded modules (``_serve``); then the same
  as spawn (``spawn._main``), but the child ends with ``os._exit``: no ``atexit`` callbacks.

A child started by fork is not born here: it is a copy of its parent's process made at
``start()`` (``SimEngine``'s ``fork`` command, ``Process._launch``).
"""
from __future__ import annotations

import os
import sys
import types

from ...facade import _random, _stdlib, lifecycle
from . import memory, process
from .wire import Channel


def prepare():
    """In the zygote: everything every simulated process shares."""
    lifecycle.install_modules()
    memory.remember_builtins()
    import random  # noqa: F401 - seeded per process at birth (_random.seed_process)
    own_builtins()


_FUNC_GLOBALS, _FUNC_BUILTINS = 16, 24  # CPython 3.11's PyFunctionObject: after the object head
_ENGINE_STDLIB = {"dis", "opcode", "socket", "copyreg", "traceback", "linecache", "pickle"}


def own_builtins():
    """mpsim's code looks builtins up in a copy of its own: a model that deletes or replaces
    ``print``, ``len``, ``open`` (in ``builtins``) changes them for itself and the libraries it
    uses, as in CPython, but not for the engine and the facade that run in its process.

    Every module of mpsim, and the few of the standard library's that the engine runs between
    two operations (``_ENGINE_STDLIB``), gets the copy as its ``__builtins__`` (functions made
    from now on take it from there), and every function already made gets it in place of the
    builtins it captured when it was made (CPython 3.11 keeps them in the function object)."""
    import builtins
    import ctypes
    private = dict(builtins.__dict__)
    real = builtins.__dict__
    mine = [m for n, m in list(sys.modules.items())
            if n == "mpsim" or n.startswith("mpsim.") or n in _ENGINE_STDLIB]
    namespaces = {id(m.__dict__) for m in mine}
    seen = set()

    def rebind(fn):
        base = id(fn)
        if (id(fn.__globals__) not in namespaces
                or ctypes.c_void_p.from_address(base + _FUNC_GLOBALS).value != id(fn.__globals__)
                or ctypes.c_void_p.from_address(base + _FUNC_BUILTINS).value != id(real)):
            return  # someone else's, not laid out as expected, or with builtins of its own
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(private))
        ctypes.c_void_p.from_address(base + _FUNC_BUILTINS).value = id(private)
        ctypes.pythonapi.Py_DecRef(ctypes.py_object(real))

    def visit(obj):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, types.FunctionType):
            rebind(obj)
        elif isinstance(obj, (staticmethod, classmethod)):
            visit(obj.__func__)
        elif isinstance(obj, property):
            for part in (obj.fget, obj.fset, obj.fdel):
                visit(part)
        elif isinstance(obj, type):
            for value in list(vars(obj).values()):
                visit(value)

    for module in mine:
        module.__dict__["__builtins__"] = private
        for value in list(module.__dict__.values()):
            visit(value)


def runner(chan: Channel):
    """A fresh process from the zygote: wait to be told which birth it is, then live it."""
    message = chan.recv()
    assert message[0] == "boot", message
    _, birth, model, begin, clock, method = message
    engine = process.install(chan, birth["identity"], model)
    engine._resume(clock)
    engine.begin_result = begin[1] if isinstance(begin, tuple) and begin[0] == "ret" else ()
    _random.seed_process(engine.ident)
    engine.default_method = method
    _stdlib.install()
    _random.install()
    os.environ.clear()
    os.environ.update(birth["env"])
    if birth["kind"] == "forkserver":
        _serve(engine, birth)
    sys.argv = list(birth["argv"])
    sys.path[:] = list(birth["path"])
    if birth["kind"] == "main":
        lifecycle.run_main(engine, model["path"])
    else:
        engine.unlinked = frozenset(engine.begin_result or ())
        lifecycle.run_spawned(engine, birth.get("main", ("path", model["path"])),
                              birth["identity"]["name"], birth.get("start_method"),
                              birth.get("cwd"), birth["payload"],
                              forkserver=birth["kind"] == "forkserver")


def _serve(engine, birth):
    """The forkserver a forkserver child is forked from (docs/semantics.md §21): a fresh
    interpreter (``python -c``) started in its parent's working directory with its parent's
    environment and ``sys.path`` of that moment, which imported the preloaded modules (ignoring an
    ImportError) with a random generator of its own, then forked the child: the at-fork hooks
    are the server's (those its preloaded modules registered), none of the parent's.  A module
    that performs a multiprocessing operation or creates a primitive while it is preloaded stops
    the check (``engine.serving``): the server is not simulated as a process, so it is made again
    for each child (a ``before`` hook's effects on the server do not add up from child to
    child as they do in CPython's one server)."""
    from ...facade.process import MEMORY, _MainProcess
    MEMORY.current = _MainProcess()
    sys.argv = ["-c"]
    sys.path[:] = list(birth["server_path"])
    try:
        os.chdir(birth["server_cwd"])
    except OSError:
        pass
    _random.seed_process(("forkserver",) + birth["identity"]["parent"])
    engine.serving = True
    try:
        for name in birth["preload"]:
            try:
                __import__(name)
            except ImportError:
                pass
    finally:
        engine.serving = False
    _stdlib.before_fork()
    _random.seed_process(engine.ident)  # the random module reseeds in a forked child
    _stdlib.after_fork_in_child()
