"""CPython's real ``multiprocessing`` in a process whose ``multiprocessing`` is the facade.

A model process must see the facade under CPython's names: the model imports ``multiprocessing``,
and so do libraries (``logging`` reads ``sys.modules['multiprocessing'].current_process()``).  The
engine underneath needs CPython's real package, whose own code refers to ``multiprocessing.*``
names too.  They coexist by one rule: **CPython's package is loaded first, kept aside, and
resolves its own names itself**.

1. ``load()`` imports CPython's ``multiprocessing`` and every submodule the engine may need, under
   their real names, before the facade exists in the process.  Every import at the top of those
   modules is thereby done, and every object keeps CPython's module name (its reprs, its pickles).
2. Each real module is then registered a second time under a private alias (``ALIAS``), and its
   ``__package__`` (and ``__spec__``) point there: the imports CPython makes inside functions -
   ``from .synchronize import Lock`` in ``context.py``, ``from .resource_tracker import register``
   in ``SemLock.__init__`` - are relative, so they resolve through the alias to the real modules,
   whatever ``sys.modules['multiprocessing.synchronize']`` holds later.  (The three absolute ones,
   ``from multiprocessing.connection import wait`` for a timed ``Popen.wait`` and in
   ``_ParentProcess``, are on paths the engine does not take: it waits for processes itself, and a
   manager is shut down without a timeout.)
3. The real modules see the real OS: their ``os``, ``time`` and ``signal`` are copies taken before
   the facade patches those modules for the model (virtual pids and clocks; ``os.fork`` and
   friends stopped as unsupported); ``socket.socket`` and ``select`` are made real again
   (``real_io``) - CPython's code forks, waits for and signals processes for real.
4. ``sys.modules`` names the facade, so an object of CPython's that is pickled by reference would
   be looked up there.  CPython's ``ForkingPickler`` therefore names CPython's classes, functions
   and modules by importing them (``reducer_override``): a fresh interpreter (a manager's server)
   finds them under CPython's names, and a model process unpickles with ``Unpickler``, which finds
   them in ``REAL``.  Objects of the facade and of the model pickle as usual.

Then ``facade.lifecycle.install_modules()`` hands the model the facade.  In a process that is not
a model process (a manager's server started by a model process), nothing here is loaded: it finds
CPython's objects under their own names.
"""
from __future__ import annotations

import copy
import importlib
import io
import operator
import os
import pickle
import select
import signal
import socket
import sys
import threading
import time
import types

ALIAS = "_mpsim_cpython_multiprocessing"
# What the engine uses (the rest of the package is never loaded: dummy, forkserver, Windows).
SUBMODULES = ("context", "process", "reduction", "util", "connection", "synchronize", "queues",
              "heap", "sharedctypes", "managers", "spawn", "resource_tracker", "popen_fork",
              "popen_spawn_posix")
REAL = {}  # CPython's module name -> CPython's module (in a model process)
PRISTINE = {}  # "os", "time", "signal" -> copies of the modules as CPython left them


def load():
    """Import CPython's ``multiprocessing`` aside (see the module docstring).  Call once, before
    the facade is installed and before the standard library is patched for the model."""
    if REAL:
        return
    for name in ("os", "time", "signal"):
        module = sys.modules[name]
        pristine = types.ModuleType(name, module.__doc__)
        pristine.__dict__.update(module.__dict__)
        PRISTINE[name] = pristine
    importlib.import_module("multiprocessing")
    for name in SUBMODULES:
        importlib.import_module(f"multiprocessing.{name}")
    for name, module in list(sys.modules.items()):
        if name != "multiprocessing" and not name.startswith("multiprocessing."):
            continue
        REAL[name] = module
        alias = ALIAS + name[len("multiprocessing"):]
        sys.modules[alias] = module
        module.__package__ = ALIAS if module.__package__ == "multiprocessing" else \
            ALIAS + module.__package__[len("multiprocessing"):]
        spec = copy.copy(module.__spec__)
        spec.name = alias
        module.__spec__ = spec
        for dep in ("os", "time", "signal"):
            if module.__dict__.get(dep) is sys.modules[dep]:
                module.__dict__[dep] = PRISTINE[dep]
    REAL["multiprocessing.reduction"].ForkingPickler.reducer_override = _by_import


def real(name: str):
    """CPython's module ``multiprocessing.<name>``."""
    return REAL["multiprocessing." + name]


def _by_import(self, obj):
    """``ForkingPickler.reducer_override``: CPython's own classes, functions and modules are
    pickled as imports of CPython's modules; everything else as usual."""
    if isinstance(obj, types.ModuleType):
        if REAL.get(obj.__name__) is obj:
            return importlib.import_module, (obj.__name__,)
        return NotImplemented
    if not isinstance(obj, (type, types.FunctionType)):
        return NotImplemented
    module = REAL.get(getattr(obj, "__module__", None))
    if module is None or sys.modules.get(module.__name__) is module:
        return NotImplemented
    qualname = obj.__qualname__
    try:
        if operator.attrgetter(qualname)(module) is not obj:
            return NotImplemented
    except AttributeError:
        return NotImplemented
    return operator.attrgetter(qualname), (module,)


def _import(name, package=None):
    """``importlib.import_module`` in a pickle made by ``_by_import``: CPython's modules."""
    module = REAL.get(name)
    return module if module is not None else importlib.import_module(name, package)


class Unpickler(pickle.Unpickler):
    """Unpickles what a model process sent, CPython's objects included (see ``_by_import``)."""

    def find_class(self, module, name):
        if (module, name) == ("importlib", "import_module"):
            return _import
        return super().find_class(module, name)


def loads(data: bytes):
    return Unpickler(io.BytesIO(data)).load()


def dumps(obj) -> bytes:
    """Pickled with CPython's ``ForkingPickler`` (what CPython sends, CPython's reducers)."""
    return bytes(REAL["multiprocessing.reduction"].ForkingPickler.dumps(obj))


# What the engine itself calls, as CPython left it (this module is imported before the facade
# patches the standard library for the model).
real_fork, real_exit, real_kill, real_waitpid = os.fork, os._exit, os.kill, os.waitpid
real_getpid, real_getppid, real_monotonic = os.getpid, os.getppid, time.monotonic
real_sleep, real_register_at_fork, real_pidfd_open = time.sleep, os.register_at_fork, os.pidfd_open
real_thread_start = threading.Thread.start
_REAL_IO = [(module, name, getattr(module, name))
            for module, names in ((socket, ("socket", "socketpair", "fromfd", "create_connection",
                                            "create_server")),
                                  (select, ("select", "poll", "epoll")))
            for name in names if hasattr(module, name)]


def real_io():
    """After the facade patched the standard library for the model: ``socket``'s constructors
    and ``select`` are the real ones again - CPython's ``multiprocessing`` (a duplex ``Pipe``'s
    ``socketpair``, ``connection.wait``'s selector) and the engine's own waits need them.  The
    model itself never reaches them here: a schedule comes from the simulator, which stops a model
    that uses them."""
    for module, name, value in _REAL_IO:
        setattr(module, name, value)
