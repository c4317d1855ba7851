"""Gated multiprocessing.synchronize: each object wraps the real primitive of a real context.

Every method that is an operation in the simulator (``mpsim/facade/synchronize.py``) is one turn
here - or several, where the simulator takes several steps (``steps.py``) - and creates objects in
the simulator's order, so an object has the same id (creator's identity, sequence number) in both.
What the simulator does locally (argument checks) happens locally here too, before any turn.
``Barrier`` is CPython's own ``threading.Barrier`` logic over a gated Condition and shared array,
exactly as the simulator (and ``multiprocessing.synchronize.Barrier``) builds it.
"""
from __future__ import annotations

import sys
import time

from . import steps
from ...facade.synchronize import SharedBarrier, _acquire_args
from ..gate import GATE


class SemLock:
    _kind = "Lock"

    def __init__(self, real):
        self._real = real
        self._mpsim_oid = GATE.new_oid()

    def _op(self, method, do, **kw):
        return GATE.perform(self._mpsim_oid, method, do, **kw)

    def acquire(self, *args, **kw):
        block, timeout = _acquire_args(args, kw)  # CPython's TypeErrors, locally as simulated
        timeout = None if not block else timeout
        return self._op("acquire", lambda: self._real.acquire(block, timeout), timeout=timeout)

    def release(self):
        self._op("release", self._real.release)

    def __enter__(self):
        return self._op("acquire", self._real.__enter__)

    def __exit__(self, *exc):
        return self._op("release", lambda: self._real.__exit__(*exc))

    def __repr__(self):
        self._op("peek", lambda: _peek(self._real))
        return repr(self._real)


def _peek(real):
    """What CPython's __repr__ reads, in the form the simulator's ``peek`` returns it."""
    sl = real._semlock
    return (bool(sl._is_mine()), sl._get_value(), sl._count(), sl.maxvalue)


class Lock(SemLock):
    def __init__(self, *, ctx):
        super().__init__(ctx.Lock())


class RLock(SemLock):
    _kind = "RLock"

    def __init__(self, *, ctx):
        super().__init__(ctx.RLock())


class Semaphore(SemLock):
    _kind = "Semaphore"

    def __init__(self, value=1, *, ctx):
        super().__init__(ctx.Semaphore(value))

    def get_value(self):
        return self._op("get_value", self._real.get_value)


class BoundedSemaphore(Semaphore):
    _kind = "BoundedSemaphore"

    def __init__(self, value=1, *, ctx):
        SemLock.__init__(self, ctx.BoundedSemaphore(value))


class Condition:
    def __init__(self, lock=None, *, ctx):
        self._lock = lock if lock is not None else RLock(ctx=ctx)
        self._real = ctx.Condition(self._lock._real)
        self._mpsim_oid = GATE.new_oid()

    def _op(self, method, do, **kw):
        return GATE.perform(self._mpsim_oid, method, do, **kw)

    def acquire(self, *args, **kwargs):
        return self._lock.acquire(*args, **kwargs)

    def release(self):
        return self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def wait(self, timeout=None):
        count = self._op("wait", lambda: steps.wait_release(self._real)).value
        woken = self._op("wait", lambda: steps.wait_sleep(self._real, timeout), phase="sleep",
                         timeout=timeout).value
        self._op("wait", lambda: steps.wait_reacquire(self._real, count), phase="reacquire",
                 report=lambda _: woken)
        return woken

    def notify(self, n=1):
        self._notify("notify", n)

    def notify_all(self):
        self._notify("notify_all", sys.maxsize)

    def _notify(self, method, n):
        woken = self._op(method, lambda: steps.notify_wake(self._real, n))
        if woken is not None:
            self._op(method, lambda: steps.notify_rendezvous(self._real, woken.value), phase="rendezvous")

    def wait_for(self, predicate, timeout=None):
        # CPython's Condition.wait_for.
        result = predicate()
        if result:
            return result
        if timeout is not None:
            endtime = time.monotonic() + timeout
        else:
            endtime = None
            waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result

    def __repr__(self):
        waiters = self._op("peek", lambda: _waiters(self._real))
        return f"<Condition({self._lock!r}, {waiters})>"


def _waiters(cond):
    return cond._sleeping_count._semlock._get_value() - cond._woken_count._semlock._get_value()


class Event:
    def __init__(self, *, ctx):
        self._real = ctx.Event()
        self._mpsim_oid = GATE.new_oid()

    def _op(self, method, do, **kw):
        return GATE.perform(self._mpsim_oid, method, do, **kw)

    def is_set(self):
        return self._op("is_set", self._real.is_set)

    def clear(self):
        self._op("clear", self._real.clear)

    def set(self):
        woken = self._op("set", lambda: steps.event_set_wake(self._real))
        if woken is not None:
            self._op("set", lambda: steps.event_set_rendezvous(self._real, woken.value),
                     phase="rendezvous")

    def wait(self, timeout=None):
        began = self._op("wait", lambda: steps.event_wait_begin(self._real))
        if began is True:
            return True
        self._op("wait", lambda: steps.wait_sleep(self._real._cond, timeout), phase="sleep",
                 timeout=timeout)
        return self._op("wait", lambda: steps.event_wait_end(self._real), phase="reread")

    def __repr__(self):
        return f"<Event at {id(self):#x} {'set' if self.is_set() else 'unset'}>"


class Barrier(SharedBarrier):
    """``multiprocessing.Barrier``: threading.Barrier's algorithm on a shared Condition and array."""

    def __init__(self, parties, action=None, timeout=None, *, ctx):
        from .sharedctypes import RawArray

        self.__setstate__((parties, action, timeout, Condition(ctx=ctx), RawArray("i", 2)))
        self._state = 0
        self._count = 0

