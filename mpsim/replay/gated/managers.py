"""Gated multiprocessing.managers: a real Manager server and its real proxies, one call per turn.

``Manager()`` starts CPython's own server process (not gated: it runs no model code, and, as in
the simulator, it is not one of the model's children - the exit rule does not wait for it; its
finalizer stops it).  Each proxy is the simulator's proxy class (``mpsim/facade/managers.py``: the
same methods, local checks and pickling) whose one operation - a call of the server's object -
is a turn that makes the real remote call; its result is reported pickled, as the simulator
keeps it.  A manager's Lock, RLock, Semaphore and BoundedSemaphore are gated locks around the
real AcquirerProxy.  Not replayed: a manager's Condition, Event and Barrier, and a managed
queue's ``join()`` - one real remote call the simulator takes in several steps.
"""
from __future__ import annotations

import pickle

from ...facade import managers as simulated
from ..gate import GATE
from . import synchronize
from .real import Real


class _Proxy(Real):
    """A gated proxy: the simulator's class, its calls made on the real proxy ``_real``."""

    def _gate(self, real, oid=None):
        object.__setattr__(self, "_real", real)
        object.__setattr__(self, "_mpsim_oid", oid or GATE.new_oid())
        return self

    def __reduce__(self):
        return _rebuild, (type(self), self._mpsim_oid, self._real)

    def _callmethod(self, name, args=(), shown=None):
        return GATE.perform(self._mpsim_oid, "call", lambda: self._real._callmethod(name, tuple(args)),
                            report=pickle.dumps)


def _rebuild(cls, oid, real):
    return cls.__new__(cls)._gate(real, oid)


class ListProxy(_Proxy, simulated.ListProxy):
    pass


class DictProxy(_Proxy, simulated.DictProxy):
    pass


class NamespaceProxy(_Proxy, simulated.NamespaceProxy):
    pass


class ValueProxy(_Proxy, simulated.ValueProxy):
    pass


class ArrayProxy(_Proxy, simulated.ArrayProxy):
    pass


class QueueProxy(Real, simulated.QueueProxy):
    """A managed ``queue.Queue``: put, get, qsize, empty, full and task_done as real calls."""

    _gate = _Proxy._gate
    __reduce__ = _Proxy.__reduce__
    _closed = False  # a proxy is never closed (close() is not exposed)

    def _op(self, method, args=(), shown="", decode=False):
        real = self._real
        if method == "put":
            item, block, timeout = args
            do = lambda: real.put(self._loads(item), block, timeout)  # noqa: E731
        elif method == "get":
            block, timeout = args
            do = lambda: pickle.dumps(real.get(block, timeout))  # noqa: E731
        elif method == "join":
            GATE.unsupported("a managed queue's join()")
        else:
            do = getattr(real, method)
        timeout = args[-1] if method in ("put", "get") else None
        return GATE.perform(self._mpsim_oid, method, do, timeout=timeout)


class _Acquirer(synchronize.SemLock):
    """A manager's lock or semaphore: threading's signature, the real AcquirerProxy's calls."""

    def acquire(self, blocking=True, timeout=None):
        return synchronize.SemLock.acquire(self, blocking, timeout)


class SyncManager:
    """``multiprocessing.Manager()`` on a real server; the simulator's methods, gated."""

    def __init__(self, *, ctx):
        self._real = ctx.Manager()
        self._mpsim_oid = GATE.new_oid()

    def _proxy(self, cls, real):
        return cls.__new__(cls)._gate(real)

    def list(self, sequence=()):
        return self._proxy(ListProxy, self._real.list(sequence))

    def dict(self, *args, **kwargs):
        return self._proxy(DictProxy, self._real.dict(*args, **kwargs))

    def Namespace(self, **kwargs):
        return self._proxy(NamespaceProxy, self._real.Namespace(**kwargs))

    def Value(self, typecode, value, lock=True):
        return self._proxy(ValueProxy, self._real.Value(typecode, value, lock))

    def Array(self, typecode, sequence, lock=True):
        return self._proxy(ArrayProxy, self._real.Array(typecode, sequence, lock))

    def Lock(self):
        return _Acquirer(self._real.Lock())

    def RLock(self):
        return _Acquirer(self._real.RLock())

    def Semaphore(self, value=1):
        return _Acquirer(self._real.Semaphore(value))

    def BoundedSemaphore(self, value=1):
        return _Acquirer(self._real.BoundedSemaphore(value))

    def Queue(self, maxsize=0):
        return self._proxy(QueueProxy, self._real.Queue(maxsize))

    def JoinableQueue(self, maxsize=0):
        return self._proxy(QueueProxy, self._real.JoinableQueue(maxsize))

    def shutdown(self):
        GATE.perform(self._mpsim_oid, "shutdown", self._real.shutdown)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(f"'SyncManager' object has no attribute '{name}'")
        GATE.unsupported(f"Manager().{name}")


def Manager(*, ctx):
    return SyncManager(ctx=ctx)
