"""Simulated multiprocessing.synchronize: Lock, RLock, Semaphore, BoundedSemaphore, Condition,
Event, Barrier.  Each method is one operation on a pure state machine in ``mpsim.primitives``;
Barrier is CPython's own ``threading.Barrier`` logic over a simulated Condition and shared memory,
exactly as ``multiprocessing.synchronize.Barrier`` builds it.
"""
from __future__ import annotations

import threading

from ..primitives import condition, event, semlock
from .base import Handle, rt


def _check_keywords(kw):
    if kw:
        raise TypeError(f"'{next(iter(kw))}' is an invalid keyword argument for acquire()")


def _timed_out(timeout):
    if timeout is not None and timeout > 0:
        rt().clock += timeout


class SemLock(Handle):
    _kind = "Lock"

    def __init__(self, value=1, *, ctx=None):
        if value < 0:
            raise OSError(22, "Invalid argument")
        self._bind(semlock.new(self._kind, value))

    def acquire(self, block=True, timeout=None, **kw):
        _check_keywords(kw)
        timeout = None if not block else timeout
        got = self._op("acquire", (bool(block), timeout), "acquire()" if block and timeout is None
                       else f"acquire({'False' if not block else f'timeout={timeout!r}'})")
        if not got:
            _timed_out(timeout)
        return got

    def release(self):
        self._op("release", (), "release()")

    def __enter__(self):
        return self._op("acquire", (True, None), "acquire()  [with]")

    def __exit__(self, *exc):
        self._op("release", (), "release()  [end of with]")

    def _is_mine(self):
        return self._op("is_mine", (), "_is_mine()")

    def __repr__(self):
        return f"<{type(self).__name__}>"


class Lock(SemLock):
    _kind = "Lock"

    def __init__(self, *, ctx=None):
        super().__init__(1)


class RLock(SemLock):
    _kind = "RLock"

    def __init__(self, *, ctx=None):
        super().__init__(1)


class Semaphore(SemLock):
    _kind = "Semaphore"

    def __init__(self, value=1, *, ctx=None):
        super().__init__(value)

    def get_value(self):
        return self._op("get_value", (), "get_value()")


class BoundedSemaphore(Semaphore):
    _kind = "BoundedSemaphore"


class Condition(Handle):
    def __init__(self, lock=None, *, ctx=None):
        self._lock = lock if lock is not None else RLock()
        self._bind(condition.new(self._lock._mpsim_oid))
        self._bind_methods()

    def _extra(self):
        return self._lock

    def _restore(self, lock):
        self._lock = lock
        self._bind_methods()

    def _bind_methods(self):
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def wait(self, timeout=None):
        woken = self._op("wait", (timeout,), "wait()" if timeout is None else f"wait({timeout!r})")
        if not woken:
            _timed_out(timeout)
        return woken

    def notify(self, n=1):
        self._op("notify", (n,), "notify()" if n == 1 else f"notify({n})")

    def notify_all(self):
        self._op("notify_all", (None,), "notify_all()")

    def wait_for(self, predicate, timeout=None):
        # CPython's Condition.wait_for, on the simulated clock.
        result = predicate()
        if result:
            return result
        if timeout is not None:
            endtime = _monotonic() + timeout
        else:
            endtime = None
            waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - _monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


def _monotonic():
    return rt().now()


class Event(Handle):
    def _shared_name(self):
        return "Condition"  # pickling an Event pickles its Condition, which refuses

    def __init__(self, *, ctx=None):
        self._bind(event.new())

    def is_set(self):
        return self._op("is_set", (), "is_set()")

    def set(self):
        self._op("set", (), "set()")

    def clear(self):
        self._op("clear", (), "clear()")

    def wait(self, timeout=None):
        flag = self._op("wait", (timeout,), "wait()" if timeout is None else f"wait({timeout!r})")
        if not flag:
            _timed_out(timeout)
        return flag


class Barrier(threading.Barrier):
    """``multiprocessing.Barrier``: threading.Barrier's algorithm on a shared Condition and array."""

    def __init__(self, parties, action=None, timeout=None, *, ctx=None):
        from .sharedctypes import RawArray

        self.__setstate__((parties, action, timeout, Condition(), RawArray("i", 2)))
        self._state = 0
        self._count = 0

    def __setstate__(self, state):
        (self._parties, self._action, self._timeout, self._cond, self._array) = state

    def __getstate__(self):
        return (self._parties, self._action, self._timeout, self._cond, self._array)

    def __deepcopy__(self, memo):
        return self

    def _mpsim_parts(self):
        # The barrier's condition stands for the barrier itself in traces ("barrier.wait()").
        return [("", self._cond), (".lock", self._cond._lock), (".state", self._array)]

    @property
    def _state(self):
        return self._array[0]

    @_state.setter
    def _state(self, value):
        self._array[0] = value

    @property
    def _count(self):
        return self._array[1]

    @_count.setter
    def _count(self, value):
        self._array[1] = value


