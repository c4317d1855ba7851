"""Gated multiprocessing.synchronize: the simulator's classes on the primitives of a real context.

Each class is the simulator's (``mpsim/facade/synchronize.py``: argument checks, reprs,
``wait_for``, the same code) with its operations performed on the real object: one turn each -
or several, where the simulator takes several steps (``steps.py``) - and objects created in the
simulator's order, so an object has the same id (creator's identity, sequence number) in both.
``Barrier`` is CPython's own ``threading.Barrier`` logic over a gated Condition and shared array,
exactly as the simulator (and ``multiprocessing.synchronize.Barrier``) builds it.
"""
from __future__ import annotations

import multiprocessing as mp
import sys
import time

from ...facade import synchronize as simulated
from ..gate import GATE
from . import steps
from .real import Real


class _Gated(Real):
    def _gate(self, real):
        self._real = real
        self._mpsim_oid = GATE.new_oid()

    def _perform(self, method, do, **kw):
        return GATE.perform(self._mpsim_oid, method, do, **kw)


class SemLock(_Gated, simulated.SemLock):
    def __init__(self, real):
        self._gate(real)

    def _process_name(self) -> str:
        return mp.current_process().name

    def _op(self, method, args=(), shown="", decode=False):
        real = self._real
        if method == "acquire":
            block, timeout = args
            return self._perform("acquire", lambda: real.acquire(block, timeout), timeout=timeout)
        do = {"release": real.release, "get_value": lambda: real.get_value(),
              "is_mine": lambda: bool(real._semlock._is_mine()),
              "peek": lambda: _peek(real)}[method]
        return self._perform(method, do)


def _peek(real):
    """What CPython's __repr__ reads, in the form the simulator's ``peek`` returns it."""
    sl = real._semlock
    return (bool(sl._is_mine()), sl._get_value(), sl._count(), sl.maxvalue)


class Lock(SemLock, simulated.Lock):
    def __init__(self, *, ctx):
        SemLock.__init__(self, ctx.Lock())


class RLock(SemLock, simulated.RLock):
    def __init__(self, *, ctx):
        SemLock.__init__(self, ctx.RLock())


class Semaphore(SemLock, simulated.Semaphore):
    def __init__(self, value=1, *, ctx):
        SemLock.__init__(self, ctx.Semaphore(value))


class BoundedSemaphore(SemLock, simulated.BoundedSemaphore):
    def __init__(self, value=1, *, ctx):
        SemLock.__init__(self, ctx.BoundedSemaphore(value))


class Condition(_Gated, simulated.Condition):
    def __init__(self, lock=None, *, ctx):
        self._lock = lock if lock is not None else RLock(ctx=ctx)
        self._gate(ctx.Condition(self._lock._real))
        self._bind_methods()

    def _now(self) -> float:
        return time.monotonic()

    def _op(self, method, args=(), shown="", decode=False):
        cond = self._real
        if method == "wait":
            (timeout,) = args
            count = self._perform("wait", lambda: steps.wait_release(cond)).value
            woken = self._perform("wait", lambda: steps.wait_sleep(cond, timeout), phase="sleep",
                                  timeout=timeout).value
            self._perform("wait", lambda: steps.wait_reacquire(cond, count), phase="reacquire",
                          report=lambda _: woken)
            return woken
        if method in ("notify", "notify_all"):
            n = args[0] if method == "notify" else sys.maxsize
            woken = self._perform(method, lambda: steps.notify_wake(cond, n))
            if woken is not None:
                self._perform(method, lambda: steps.notify_rendezvous(cond, woken.value), phase="rendezvous")
            return None
        if method == "peek":
            return self._perform("peek", lambda: _waiters(cond))
        raise ValueError(method)


def _waiters(cond):
    return cond._sleeping_count._semlock._get_value() - cond._woken_count._semlock._get_value()


class Event(_Gated, simulated.Event):
    def __init__(self, *, ctx):
        self._gate(ctx.Event())

    def _op(self, method, args=(), shown="", decode=False):
        event = self._real
        if method == "set":
            woken = self._perform("set", lambda: steps.event_set_wake(event))
            if woken is not None:
                self._perform("set", lambda: steps.event_set_rendezvous(event, woken.value),
                              phase="rendezvous")
            return None
        if method == "wait":
            (timeout,) = args
            if self._perform("wait", lambda: steps.event_wait_begin(event)) is True:
                return True
            self._perform("wait", lambda: steps.wait_sleep(event._cond, timeout), phase="sleep",
                          timeout=timeout)
            return self._perform("wait", lambda: steps.event_wait_end(event), phase="reread")
        return self._perform(method, {"is_set": event.is_set, "clear": event.clear}[method])


class Barrier(simulated.SharedBarrier):
    """``multiprocessing.Barrier``: threading.Barrier's algorithm on a shared Condition and array."""

    def __init__(self, parties, action=None, timeout=None, *, ctx):
        from .sharedctypes import RawArray

        self.__setstate__((parties, action, timeout, Condition(ctx=ctx), RawArray("i", 2)))
        self._state = 0
        self._count = 0
