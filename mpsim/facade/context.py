"""Simulated multiprocessing contexts and the top-level package the model imports.

``multiprocessing.Lock()`` and friends are methods of a default context, as in CPython;
``get_context("fork")`` returns one whose ``Process`` starts children by fork.  Any name mpsim does
not model stops the check with a message naming it and the model's line.
"""
from __future__ import annotations

import functools
import importlib
import types

from . import connection, managers, pool, process, queues, sharedctypes, synchronize
from .base import fix_context, rt, unsupported

_METHODS = ("fork", "spawn", "forkserver")

_EXPORTS = {
    "Process": None, "current_process": process.current_process,
    "parent_process": process.parent_process, "active_children": process.active_children,
    "Lock": synchronize.Lock, "RLock": synchronize.RLock, "Semaphore": synchronize.Semaphore,
    "BoundedSemaphore": synchronize.BoundedSemaphore, "Condition": synchronize.Condition,
    "Event": synchronize.Event, "Barrier": synchronize.Barrier,
    "Value": sharedctypes.Value, "Array": sharedctypes.Array,
    "RawValue": sharedctypes.RawValue, "RawArray": sharedctypes.RawArray,
    "Queue": queues.Queue, "JoinableQueue": queues.JoinableQueue, "SimpleQueue": queues.SimpleQueue,
    "Pipe": connection.Pipe, "Pool": None, "Manager": managers.Manager,
}


class BaseContext:
    _name = None

    def _mpsim_canon(self):
        return self._name

    def __init__(self):
        for name, obj in _EXPORTS.items():
            if obj is not None:
                setattr(self, name, obj)
        self.Process = _process_class(self._name)
        self.Pool = functools.partial(pool.Pool, context=self)

    def cpu_count(self):
        return 4

    def get_context(self, method=None):
        if method is None:
            return self
        if method not in _METHODS:
            raise ValueError(f"cannot find context for {method!r}")
        if method == "forkserver":
            unsupported("the 'forkserver' start method")
        return _CONTEXTS[method]

    def get_start_method(self, allow_none=False):
        me = rt()
        if self._name is None and not allow_none:
            fix_context(me)
        method = me.session.start_method_of(me) if not allow_none else (me.start_method or me.session.forced_method)
        return self._name or method

    def set_start_method(self, method, force=False):
        me = rt()
        if me.start_method is not None and not force:
            raise RuntimeError("context has already been set")
        if method is not None and method not in _METHODS:
            raise ValueError(f"cannot find context for {method!r}")
        if method == "forkserver":
            unsupported("the 'forkserver' start method")
        me.start_method = method

    def get_all_start_methods(self):
        return list(_METHODS)

    def freeze_support(self):
        pass

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        unsupported(f"multiprocessing.{name}")


def _process_class(method):
    return {None: process.Process, "spawn": process.SpawnProcess, "fork": process.ForkProcess}[method]


# What CPython's DefaultContext creates with ``ctx=self.get_context()``: using one fixes the context,
# and a later set_start_method() without force raises "context has already been set".
_FIXING = ("Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition", "Event", "Barrier",
           "Value", "Array", "Queue", "JoinableQueue", "SimpleQueue", "Pool", "Manager")


def _fixing(make, name):
    def create(*args, **kwargs):
        fix_context(rt())
        return make(*args, **kwargs)
    create.__name__ = create.__qualname__ = name
    return create


class DefaultContext(BaseContext):
    def __init__(self):
        super().__init__()
        for name in _FIXING:
            setattr(self, name, _fixing(getattr(self, name), name))

    def get_context(self, method=None):
        if method is None:
            fix_context(rt())
        return super().get_context(method)


class _MethodContext(BaseContext):
    def __init__(self, name):
        self._name = name
        super().__init__()


_CONTEXTS = {m: _MethodContext(m) for m in ("fork", "spawn")}
default = DefaultContext()


class _Package(types.ModuleType):
    """A module whose unknown attributes name the unmodelled API instead of failing silently."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if not hasattr(importlib.import_module(self.__name__), name):
            # not part of CPython's module either (multiprocessing.BrokenBarrierError...)
            raise AttributeError(f"module '{self.__name__}' has no attribute '{name}'")
        self._unsupported(f"{self.__name__}.{name}")

    def _unsupported(self, what):
        unsupported(what)

    def submodule(self, name):
        sub = _SUBMODULES.get(name)
        if sub is None:
            unsupported(f"module {name}")
        return sub


def _module(name, attrs, cls=_Package):
    """A module ``name`` holding ``attrs`` (``cls``: the replayer's gated modules subclass it)."""
    mod = cls(name)
    mod.__dict__.update(attrs)
    return mod


def _package():
    attrs = {n: getattr(default, n) for n in _EXPORTS}
    for n in ("cpu_count", "get_context", "get_start_method", "set_start_method",
              "get_all_start_methods", "freeze_support"):
        attrs[n] = getattr(default, n)
    attrs["TimeoutError"] = __import__("multiprocessing").TimeoutError
    attrs["ProcessError"] = __import__("multiprocessing").ProcessError
    attrs["AuthenticationError"] = __import__("multiprocessing").AuthenticationError
    attrs["BufferTooShort"] = __import__("multiprocessing").BufferTooShort
    return _module("multiprocessing", attrs)


PACKAGE = _package()
_SUBMODULES = {
    "multiprocessing.synchronize": _module("multiprocessing.synchronize", {
        n: getattr(synchronize, n) for n in ("Lock", "RLock", "Semaphore", "BoundedSemaphore",
                                              "Condition", "Event", "Barrier")}),
    "multiprocessing.process": _module("multiprocessing.process", {
        "BaseProcess": process.BaseProcess, "current_process": process.current_process,
        "parent_process": process.parent_process, "active_children": process.active_children}),
    "multiprocessing.sharedctypes": _module("multiprocessing.sharedctypes", {
        n: getattr(sharedctypes, n) for n in ("Value", "Array", "RawValue", "RawArray",
                                               "Synchronized", "SynchronizedArray")}),
    "multiprocessing.queues": _module("multiprocessing.queues", {
        n: getattr(queues, n) for n in ("Queue", "JoinableQueue", "SimpleQueue")}),
    "multiprocessing.connection": _module("multiprocessing.connection", {
        "Pipe": connection.Pipe, "Connection": connection.Connection, "wait": connection.wait}),
    "multiprocessing.managers": _module("multiprocessing.managers", {
        "SyncManager": managers.SyncManager, "BaseProxy": managers.BaseProxy,
        "ListProxy": managers.ListProxy, "DictProxy": managers.DictProxy}),
    "multiprocessing.pool": _module("multiprocessing.pool", {
        "Pool": pool.Pool, "ApplyResult": pool.ApplyResult, "AsyncResult": pool.ApplyResult,
        "MapResult": pool.MapResult}),
    "multiprocessing.context": _module("multiprocessing.context", {
        "BaseContext": BaseContext, "DefaultContext": DefaultContext,
        "TimeoutError": __import__("multiprocessing").TimeoutError}),
}
for _name, _mod in _SUBMODULES.items():
    setattr(PACKAGE, _name.rpartition(".")[2], _mod)
