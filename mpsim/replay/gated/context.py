"""The gated ``multiprocessing`` package a replayed model imports, and its contexts.

Each gated context creates gated objects around the primitives of a real context: the one forced
with ``--start-method``, else the context's own method, else CPython's default context (made
``spawn`` by default in ``boot``, like the simulator's).  Starting methods are CPython's own, so
"context has already been set" and friends come from the real ``multiprocessing``.  A name that is
not gated stops the replay with a message naming it; adding one is a wrapper module, its line in
``_EXPORTS`` and its
kind in ``plan.SUPPORTED``.
"""
from __future__ import annotations

import multiprocessing as mp

from ...facade import context as simulated_context
from ...facade.context import default as simulated_default
from ..gate import GATE
from . import connection, managers, pool, process, queues, sharedctypes, synchronize
from .process import real_context

_METHODS = ("fork", "spawn", "forkserver")
_PROCESS_CLASSES = {None: process.Process, "spawn": process.SpawnProcess, "fork": process.ForkProcess}


class BaseContext:
    def __init__(self, method=None):
        self._method = method
        self.Process = _PROCESS_CLASSES[method]

    def _real(self):
        return real_context(self._method)

    def Lock(self):
        return synchronize.Lock(ctx=self._real())

    def RLock(self):
        return synchronize.RLock(ctx=self._real())

    def Semaphore(self, value=1):
        return synchronize.Semaphore(value, ctx=self._real())

    def BoundedSemaphore(self, value=1):
        return synchronize.BoundedSemaphore(value, ctx=self._real())

    def Condition(self, lock=None):
        return synchronize.Condition(lock, ctx=self._real())

    def Event(self):
        return synchronize.Event(ctx=self._real())

    def Barrier(self, parties, action=None, timeout=None):
        return synchronize.Barrier(parties, action, timeout, ctx=self._real())

    def Value(self, typecode_or_type, *args, lock=True):
        return sharedctypes.Value(typecode_or_type, *args, lock=lock, ctx=self._real())

    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        return sharedctypes.Array(typecode_or_type, size_or_initializer, lock=lock, ctx=self._real())

    def RawValue(self, typecode_or_type, *args):
        return sharedctypes.RawValue(typecode_or_type, *args)

    def RawArray(self, typecode_or_type, size_or_initializer):
        return sharedctypes.RawArray(typecode_or_type, size_or_initializer)

    def Queue(self, maxsize=0):
        return queues.Queue(maxsize, ctx=self._real())

    def JoinableQueue(self, maxsize=0):
        return queues.JoinableQueue(maxsize, ctx=self._real())

    def SimpleQueue(self):
        return queues.SimpleQueue(ctx=self._real())

    def Pipe(self, duplex=True):
        return connection.Pipe(duplex)

    def Manager(self):
        return managers.Manager(ctx=self._real())

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        return pool.Pool(processes, initializer, initargs, maxtasksperchild, context=self)

    current_process = staticmethod(mp.current_process)
    parent_process = staticmethod(process.parent_process)
    active_children = staticmethod(process.active_children)

    def cpu_count(self):
        return simulated_default.cpu_count()  # the simulated machine's, so the model takes its path

    def get_context(self, method=None):
        if method is None:
            return self
        if method not in _METHODS:
            raise ValueError(f"cannot find context for {method!r}")
        if method == "forkserver":
            GATE.unsupported("the 'forkserver' start method")
        return CONTEXTS[method]

    def get_start_method(self, allow_none=False):
        if self._method:
            return self._method
        actual = mp.get_start_method(allow_none)
        forced = GATE.config.forced
        return (actual or forced) if allow_none else (forced or actual)

    def set_start_method(self, method, force=False):
        if method == "forkserver":
            GATE.unsupported("the 'forkserver' start method")
        (mp.get_context(self._method) if self._method else mp).set_start_method(method, force)

    def get_all_start_methods(self):
        return mp.get_all_start_methods()

    def freeze_support(self):
        pass

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        GATE.unsupported(f"multiprocessing.{name}")


CONTEXTS = {m: BaseContext(m) for m in ("fork", "spawn")}
DEFAULT = BaseContext()

_EXPORTS = ("Process", "current_process", "parent_process", "active_children", "Lock", "RLock",
            "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier", "Value", "Array",
            "RawValue", "RawArray", "Queue", "JoinableQueue", "SimpleQueue", "Pipe", "Manager",
            "Pool", "cpu_count", "get_context", "get_start_method", "set_start_method",
            "get_all_start_methods", "freeze_support")


class _Package(simulated_context._Package):
    """The simulator's module class: a name that is not gated stops the replay, naming it."""

    def _unsupported(self, what):
        GATE.unsupported(what)


def _module(name, attrs):
    return simulated_context._module(name, attrs, _Package)


def _with_default_ctx(make):
    """``multiprocessing.synchronize.Lock(ctx=None)`` style: the default context's real one."""
    def create(*args, ctx=None, **kwargs):
        return make(*args, ctx=ctx or DEFAULT._real(), **kwargs)
    create.__name__ = make.__name__
    return create


def _package():
    attrs = {name: getattr(DEFAULT, name) for name in _EXPORTS}
    for name in ("TimeoutError", "ProcessError", "AuthenticationError", "BufferTooShort"):
        attrs[name] = getattr(mp, name)
    package = _module("multiprocessing", attrs)
    subs = {
        "multiprocessing.synchronize": {n: _with_default_ctx(getattr(synchronize, n)) for n in (
            "Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier")},
        "multiprocessing.process": {"BaseProcess": process.Process,
                                    "current_process": mp.current_process,
                                    "parent_process": process.parent_process,
                                    "active_children": process.active_children},
        "multiprocessing.sharedctypes": {
            "Value": _with_default_ctx(sharedctypes.Value), "Array": _with_default_ctx(sharedctypes.Array),
            "RawValue": sharedctypes.RawValue, "RawArray": sharedctypes.RawArray,
            "Synchronized": sharedctypes.Synchronized, "SynchronizedArray": sharedctypes.SynchronizedArray},
        "multiprocessing.queues": {n: _with_default_ctx(getattr(queues, n)) for n in (
            "Queue", "JoinableQueue", "SimpleQueue")},
        "multiprocessing.connection": {"Pipe": connection.Pipe, "Connection": connection.Connection,
                                       "wait": connection.wait},
        "multiprocessing.managers": {"SyncManager": managers.SyncManager,
                                     "ListProxy": managers.ListProxy, "DictProxy": managers.DictProxy},
        "multiprocessing.pool": {
            "Pool": lambda *a, context=None, **k: pool.Pool(*a, context=context or DEFAULT, **k)},
        "multiprocessing.context": {"BaseContext": BaseContext, "DefaultContext": BaseContext,
                                    "TimeoutError": mp.TimeoutError},
    }
    modules = {"multiprocessing": package}
    for name, sub_attrs in subs.items():
        modules[name] = _module(name, sub_attrs)
        setattr(package, name.rpartition(".")[2], modules[name])
    return modules


MODULES = _package()
